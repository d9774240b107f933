using System;
using System.Runtime.InteropServices;
using System.Security;

namespace Accounting.Integrations.Core.Security
{
    /// <summary>
    /// A credential value. It never prints itself, and creating one registers the value with
    /// <see cref="SecretRedactor"/> so that it is masked in every stream from then on.
    /// </summary>
    public sealed class Secret
    {
        readonly string _value;

        Secret(string value)
        {
            _value = value ?? throw new ArgumentNullException(nameof(value));
            SecretRedactor.Register(value);
        }

        public static Secret FromPlainText(string value) => new Secret(value);

        public static Secret FromSecureString(SecureString value)
        {
            if (value == null) throw new ArgumentNullException(nameof(value));
            var ptr = IntPtr.Zero;
            try
            {
                ptr = Marshal.SecureStringToGlobalAllocUnicode(value);
                return new Secret(Marshal.PtrToStringUni(ptr) ?? string.Empty);
            }
            finally
            {
                if (ptr != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(ptr);
            }
        }

        public int Length => _value.Length;
        public bool IsEmpty => _value.Length == 0;

        /// <summary>The plain value, for building a request. Never log what this returns.</summary>
        public string Reveal() => _value;

        public SecureString ToSecureString()
        {
            var s = new SecureString();
            foreach (var c in _value) s.AppendChar(c);
            s.MakeReadOnly();
            return s;
        }

        public override string ToString() => SecretRedactor.Mask;
    }
}
