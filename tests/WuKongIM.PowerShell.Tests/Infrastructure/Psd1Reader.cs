using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace WuKongIM.PowerShell.Tests
{
    /// <summary>
    /// Reads a module manifest without PowerShell. A .psd1 is a restricted-language data file; this handles the part of it
    /// manifests use: a hashtable of keys to strings ('...' and "..."), numbers, $true/$false/$null, arrays @(...) and
    /// nested hashtables, with comments. Anything else is an error, so a manifest the tests cannot read fails loudly.
    /// </summary>
    internal sealed class Psd1Reader
    {
        private readonly string _text;
        private int _pos;

        private Psd1Reader(string text) => _text = text;

        public static Dictionary<string, object?> Parse(string text)
        {
            var reader = new Psd1Reader(text);
            reader.Skip();
            Dictionary<string, object?> result = reader.ReadHashtable();
            reader.Skip();
            if (reader._pos != text.Length)
            {
                throw reader.Error("text after the manifest's closing brace");
            }
            return result;
        }

        private Dictionary<string, object?> ReadHashtable()
        {
            Expect("@{");
            var table = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            while (true)
            {
                SkipSeparators();
                if (Peek() == '}')
                {
                    _pos++;
                    return table;
                }
                string key = Peek() == '\'' || Peek() == '"' ? ReadString() : ReadBareWord();
                Skip();
                Expect("=");
                Skip();
                if (table.ContainsKey(key))
                {
                    throw Error("duplicate key " + key);
                }
                table[key] = ReadValue();
            }
        }

        private object? ReadValue(bool inArray = false)
        {
            Skip();
            if (At("@{"))
            {
                return ReadHashtable();
            }
            if (At("@("))
            {
                _pos += 2;
                var items = new List<object?>();
                while (true)
                {
                    SkipSeparators(commas: true);
                    if (Peek() == ')')
                    {
                        _pos++;
                        return items.ToArray();
                    }
                    items.Add(ReadValue(inArray: true));
                }
            }
            char c = Peek();
            if (c == '\'' || c == '"')
            {
                string first = ReadString();
                Skip();
                // A bare comma list (Key = 'a', 'b') is an array too; inside @( ) the commas just separate items.
                if (inArray || Peek() != ',')
                {
                    return first;
                }
                var items = new List<object?> { first };
                while (Peek() == ',')
                {
                    _pos++;
                    Skip();
                    items.Add(ReadString());
                    Skip();
                }
                return items.ToArray();
            }
            if (c == '$')
            {
                string word = ReadBareWord();
                switch (word.ToLowerInvariant())
                {
                    case "$true": return true;
                    case "$false": return false;
                    case "$null": return null;
                    default: throw Error("variable " + word + " is not allowed in a data file");
                }
            }
            if (char.IsDigit(c) || c == '-')
            {
                string word = ReadBareWord();
                return decimal.Parse(word, NumberStyles.Float, CultureInfo.InvariantCulture);
            }
            throw Error("unexpected '" + c + "'");
        }

        private string ReadString()
        {
            char quote = _text[_pos++];
            var sb = new StringBuilder();
            while (true)
            {
                if (_pos >= _text.Length)
                {
                    throw Error("unterminated string");
                }
                char c = _text[_pos++];
                if (c == quote)
                {
                    if (_pos < _text.Length && _text[_pos] == quote)
                    {
                        sb.Append(quote);
                        _pos++;
                        continue;
                    }
                    return sb.ToString();
                }
                if (quote == '"' && (c == '$' || c == '`'))
                {
                    throw Error("expandable strings are not supported; use single quotes");
                }
                sb.Append(c);
            }
        }

        private string ReadBareWord()
        {
            int start = _pos;
            while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] == '_' || _text[_pos] == '$' || _text[_pos] == '.' || _text[_pos] == '-'))
            {
                _pos++;
            }
            if (_pos == start)
            {
                throw Error("a key or value was expected");
            }
            return _text.Substring(start, _pos - start);
        }

        private void SkipSeparators(bool commas = false)
        {
            while (true)
            {
                Skip();
                if (_pos < _text.Length && (_text[_pos] == ';' || (commas && _text[_pos] == ',')))
                {
                    _pos++;
                    continue;
                }
                return;
            }
        }

        /// <summary>Whitespace, line comments and block comments.</summary>
        private void Skip()
        {
            while (_pos < _text.Length)
            {
                char c = _text[_pos];
                if (char.IsWhiteSpace(c))
                {
                    _pos++;
                }
                else if (At("<#"))
                {
                    int end = _text.IndexOf("#>", _pos + 2, StringComparison.Ordinal);
                    _pos = end < 0 ? throw Error("unterminated block comment") : end + 2;
                }
                else if (c == '#')
                {
                    int end = _text.IndexOf('\n', _pos);
                    _pos = end < 0 ? _text.Length : end + 1;
                }
                else
                {
                    return;
                }
            }
        }

        private bool At(string token) => string.CompareOrdinal(_text, _pos, token, 0, token.Length) == 0;

        private char Peek() => _pos < _text.Length ? _text[_pos] : throw Error("unexpected end of the manifest");

        private void Expect(string token)
        {
            if (!At(token))
            {
                throw Error("'" + token + "' was expected");
            }
            _pos += token.Length;
        }

        private FormatException Error(string message)
        {
            int line = 1;
            for (int i = 0; i < _pos && i < _text.Length; i++)
            {
                if (_text[i] == '\n')
                {
                    line++;
                }
            }
            return new FormatException("WuKongIM.psd1 line " + line + ": " + message);
        }
    }
}
