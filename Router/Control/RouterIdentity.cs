namespace ContainerCd.Router.Control;

/// <summary>What the router says of itself on <c>GET /v1/identity</c>: a client talks only to the router of its own home.</summary>
internal sealed record RouterIdentity(string Service, int Protocol, string Home, int Pid)
{
    public const string ServiceName = "containercd-router";

    public const int CurrentProtocol = 1;
}

/// <summary>The body of <c>POST /v1/routes/{port}/wait-healthy</c> and its answer.</summary>
internal sealed record WaitHealthyRequest(string Pool, TimeSpan Timeout);

internal sealed record WaitHealthyAnswer(bool Healthy);

/// <summary>An error on the control socket: the reason, in words.</summary>
internal sealed record ControlError(string Error);
