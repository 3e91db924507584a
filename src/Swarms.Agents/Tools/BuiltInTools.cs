using System.ComponentModel;
using System.Globalization;
using Microsoft.Extensions.AI;

namespace Swarms.Agents.Tools;

/// <summary>
/// The two harmless tools every <see cref="ToolRegistry.CreateDefault"/> registry has, so that tools can be shown off
/// offline: <c>current_utc_time</c> and <c>calculator</c>. Both only compute, so both are safe to repeat.
/// </summary>
public static class BuiltInTools
{
    /// <summary>Name of the clock tool.</summary>
    public const string CurrentUtcTimeName = "current_utc_time";

    /// <summary>Name of the calculator tool.</summary>
    public const string CalculatorName = "calculator";

    /// <summary>The current UTC date and time (ISO 8601), from <paramref name="time"/> (default: the system clock).</summary>
    public static AIFunction CurrentUtcTime(TimeProvider? time = null)
    {
        var clock = time ?? TimeProvider.System;
        return AIFunctionFactory.Create(
            () => clock.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            CurrentUtcTimeName,
            "Returns the current date and time in UTC, in ISO 8601 format (for example 2025-01-31T14:05:00Z).").AsSafeToRepeat();
    }

    /// <summary>
    /// Evaluates an arithmetic expression: numbers, <c>+ - * / % ^</c> and parentheses. A parser, not code execution:
    /// anything else is refused with the position of the problem.
    /// </summary>
    public static AIFunction Calculator() =>
        AIFunctionFactory.Create(Calculate, CalculatorName,
            "Evaluates an arithmetic expression with numbers, + - * / % ^ and parentheses, for example \"(17 * 23) / 4\". Returns the result as a number.")
        .AsSafeToRepeat();

    private static string Calculate([Description("The arithmetic expression, for example \"17 * 23 + 4\".")] string expression) =>
        ArithmeticEvaluator.Format(ArithmeticEvaluator.Evaluate(expression));
}
