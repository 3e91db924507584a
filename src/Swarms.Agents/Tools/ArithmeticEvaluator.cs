using System.Globalization;

namespace Swarms.Agents.Tools;

/// <summary>
/// Evaluates arithmetic for the built-in calculator: numbers, <c>+ - * / % ^</c>, parentheses and unary signs, parsed
/// by a small recursive-descent parser. Nothing is compiled or executed, so the input cannot do anything but arithmetic.
/// </summary>
internal sealed class ArithmeticEvaluator
{
    /// <summary>Longest expression accepted: a bound on work and on nesting depth.</summary>
    public const int MaxLength = 1000;

    private const int MaxDepth = 100;
    private readonly string _text;
    private int _pos;
    private int _depth;

    private ArithmeticEvaluator(string text) => _text = text;

    /// <summary>The value of <paramref name="expression"/>.</summary>
    /// <exception cref="FormatException">Not an arithmetic expression; the message says where and why.</exception>
    /// <exception cref="DivideByZeroException">Division or remainder by zero.</exception>
    public static double Evaluate(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        if (expression.Length > MaxLength)
        {
            throw new FormatException($"the expression is longer than {MaxLength} characters");
        }

        var parser = new ArithmeticEvaluator(expression);
        double value = parser.Sum();
        parser.SkipSpaces();
        if (parser._pos < expression.Length)
        {
            throw parser.Error($"unexpected '{expression[parser._pos]}'");
        }

        return double.IsFinite(value) ? value : throw new FormatException("the result is too large");
    }

    /// <summary>The value as people write it: integers without a decimal point, others with up to 12 significant digits.</summary>
    public static string Format(double value) =>
        Math.Abs(value) < 1e15 && value == Math.Floor(value)
            ? ((long)value).ToString(CultureInfo.InvariantCulture)
            : value.ToString("G12", CultureInfo.InvariantCulture);

    private double Sum()
    {
        double value = Product();
        while (true)
        {
            if (Take('+'))
            {
                value += Product();
            }
            else if (Take('-'))
            {
                value -= Product();
            }
            else
            {
                return value;
            }
        }
    }

    private double Product()
    {
        double value = Power();
        while (true)
        {
            if (Take('*') || Take('×'))
            {
                value *= Power();
            }
            else if (Take('/') || Take('÷'))
            {
                double divisor = Power();
                value = divisor == 0 ? throw new DivideByZeroException("division by zero") : value / divisor;
            }
            else if (Take('%'))
            {
                double divisor = Power();
                value = divisor == 0 ? throw new DivideByZeroException("remainder by zero") : value % divisor;
            }
            else
            {
                return value;
            }
        }
    }

    private double Power()
    {
        double value = Unary();
        // Right-associative: 2^3^2 = 2^9.
        return Take('^') ? Math.Pow(value, Power()) : value;
    }

    private double Unary()
    {
        if (++_depth > MaxDepth)
        {
            throw Error("the expression is nested too deeply");
        }

        try
        {
            if (Take('-'))
            {
                return -Unary();
            }

            if (Take('+'))
            {
                return Unary();
            }

            return Primary();
        }
        finally
        {
            _depth--;
        }
    }

    private double Primary()
    {
        if (Take('('))
        {
            double value = Sum();
            return Take(')') ? value : throw Error("a ')' is missing");
        }

        SkipSpaces();
        int start = _pos;
        while (_pos < _text.Length && (char.IsAsciiDigit(_text[_pos]) || _text[_pos] is '.' or '_' or ','))
        {
            _pos++;
        }

        if (start == _pos)
        {
            throw Error(_pos < _text.Length ? $"expected a number, found '{_text[_pos]}'" : "expected a number at the end");
        }

        // Thousands separators as people type them (1,000 or 1_000) are accepted and ignored.
        var digits = _text[start.._pos].Replace(",", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
        return double.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double number)
            ? number
            : throw Error($"'{_text[start.._pos]}' is not a number");
    }

    private bool Take(char c)
    {
        SkipSpaces();
        if (_pos < _text.Length && _text[_pos] == c)
        {
            _pos++;
            return true;
        }

        return false;
    }

    private void SkipSpaces()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
        {
            _pos++;
        }
    }

    private FormatException Error(string problem) => new($"{problem} (at position {_pos + 1} of \"{_text}\")");
}
