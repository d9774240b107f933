using System;
using System.Security.Cryptography;
using System.Text;

namespace Accounting.Integrations.Core.IFirma
{
    /// <summary>
    /// The IAPIS signature (ifirma.md §1.1): HMAC-SHA1 over url-without-query + login + key name + body,
    /// keyed by the hex-decoded key, as lowercase hex.
    /// </summary>
    public static class IFirmaSigner
    {
        /// <summary>Decodes a key as shown in iFirma's panel (hex); the ASCII text of the key is the classic mistake.</summary>
        public static byte[] DecodeKey(string hex)
        {
            if (string.IsNullOrWhiteSpace(hex)) throw new FormatException("The key is empty.");
            hex = hex.Trim();
            if (hex.Length % 2 != 0) throw new FormatException($"The key has {hex.Length} characters; an iFirma key is hexadecimal with an even number of them.");
            var bytes = new byte[hex.Length / 2];
            for (var i = 0; i < bytes.Length; i++)
            {
                var hi = Json.Hex.ValueOf(hex[2 * i]);
                var lo = Json.Hex.ValueOf(hex[2 * i + 1]);
                if (hi < 0 || lo < 0) throw new FormatException("The key holds a character that is not hexadecimal (0-9, A-F); copy it again from iFirma.");
                bytes[i] = (byte)(hi * 16 + lo);
            }
            return bytes;
        }

        public static string Sign(byte[] key, string urlWithoutQuery, string login, string keyName, byte[] body)
        {
            var head = Encoding.UTF8.GetBytes(urlWithoutQuery + login + keyName);
            var message = new byte[head.Length + (body?.Length ?? 0)];
            Buffer.BlockCopy(head, 0, message, 0, head.Length);
            if (body != null) Buffer.BlockCopy(body, 0, message, head.Length, body.Length);
            using (var hmac = new HMACSHA1(key))
            {
                var mac = hmac.ComputeHash(message);
                var sb = new StringBuilder(mac.Length * 2);
                foreach (var b in mac) sb.Append(b.ToString("x2"));
                return sb.ToString();
            }
        }

        /// <summary>The Authentication header value.</summary>
        public static string Header(string login, string signature) => "IAPIS user=" + login + ", hmac-sha1=" + signature;

        /// <summary>The key an endpoint needs (ifirma.md §1.3), from its path relative to /iapi/.</summary>
        public static string KeyNameFor(string relativePath)
        {
            var p = relativePath.TrimStart('/').ToLowerInvariant();
            if (p.StartsWith("abonent/", StringComparison.Ordinal)) return IFirmaKeys.Abonent;
            if (p.StartsWith("rachunek", StringComparison.Ordinal)) return IFirmaKeys.Rachunek;
            if (p.StartsWith("zakup", StringComparison.Ordinal) || p.StartsWith("koszt", StringComparison.Ordinal) || p.StartsWith("oplata", StringComparison.Ordinal))
                return IFirmaKeys.Wydatek;
            return IFirmaKeys.Faktura;
        }
    }

    /// <summary>The four key names; each is also part of the signed string.</summary>
    public static class IFirmaKeys
    {
        public const string Faktura = "faktura";
        public const string Rachunek = "rachunek";
        public const string Abonent = "abonent";
        public const string Wydatek = "wydatek";
        public static readonly string[] All = { Faktura, Rachunek, Abonent, Wydatek };
    }
}
