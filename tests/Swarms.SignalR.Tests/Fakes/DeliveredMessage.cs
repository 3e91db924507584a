namespace Swarms.SignalR.Tests.Fakes;

/// <summary>A send the fake service accepted: the group (unescaped), the target and the single argument's JSON.</summary>
public sealed record DeliveredMessage(string Group, string Target, string Argument);
