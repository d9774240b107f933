namespace Accounting.Integrations.Core.Json
{
    /// <summary>Hexadecimal digits, for JSON's \uXXXX escapes and iFirma's keys alike.</summary>
    internal static class Hex
    {
        /// <summary>The value of one hex digit (0-9, a-f, A-F; a char or a UTF-8 byte), or -1 for any other.</summary>
        public static int ValueOf(int c) =>
            c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }
}
