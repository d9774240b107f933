namespace Accounting.Integrations.Core.Http
{
    /// <summary>Turns a service's failure response into a <see cref="Errors.ServiceException"/> in plain words.</summary>
    public interface IErrorInterpreter
    {
        Errors.ServiceException Interpret(ApiResponse response);
        string RequestIdOf(ApiResponse response);
    }
}
