using System.Management.Automation.Host;

namespace Accounting.Integrations.Host;

/// <summary>A fixed-size raw UI: formatting needs a width; nothing here draws on the screen.</summary>
public sealed class ConsoleRawUI : PSHostRawUserInterface
{
    static int Width()
    {
        try { return Console.IsOutputRedirected || Console.WindowWidth <= 0 ? 160 : Console.WindowWidth; }
        catch (IOException) { return 160; }
    }

    public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
    public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;
    public override Size BufferSize { get => new(Width(), 9999); set { } }
    public override Coordinates CursorPosition { get; set; }
    public override int CursorSize { get; set; } = 25;
    public override bool KeyAvailable => false;
    public override Size MaxPhysicalWindowSize => new(Width(), 100);
    public override Size MaxWindowSize => new(Width(), 100);
    public override Coordinates WindowPosition { get; set; }
    public override Size WindowSize { get => new(Width(), 100); set { } }
    public override string WindowTitle { get; set; } = "Accounting.Integrations";
    public override void FlushInputBuffer() { }
    public override BufferCell[,] GetBufferContents(Rectangle rectangle) => new BufferCell[0, 0];
    public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException("This host does not read keys.");
    public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
    public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
    public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
}
