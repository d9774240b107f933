using System.Runtime.CompilerServices;
using Accounting.Integrations.Core.Tripletex;

namespace Accounting.Integrations.Tripletex
{
    /// <summary>
    /// Which connection made a session New-TripletexSession wrote, so the session pipes into Test-TripletexConnection.
    /// Kept beside the session, not on it: the session object stays free of the connection's internals (and of tokens).
    /// </summary>
    internal static class TripletexSessionOwners
    {
        static readonly ConditionalWeakTable<TripletexSession, TripletexConnection> Owners = new ConditionalWeakTable<TripletexSession, TripletexConnection>();

        public static void Remember(TripletexSession session, TripletexConnection connection)
        {
            if (session == null || connection == null) return;
            Owners.Remove(session);
            Owners.Add(session, connection);
        }

        public static TripletexConnection OwnerOf(TripletexSession session) =>
            session != null && Owners.TryGetValue(session, out var connection) ? connection : null;
    }
}
