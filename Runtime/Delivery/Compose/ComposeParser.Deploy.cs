using YamlDotNet.RepresentationModel;

namespace ContainerCd.Runtime.Delivery.Compose;

/// <summary><c>deploy:</c> replicas, <c>update_config</c> and <c>rollback_config</c>.</summary>
public sealed partial class ComposeParser
{
    private DeployConfig Deploy(YamlNode node, string path)
    {
        if (node is not YamlMappingNode map)
        {
            Error(node, $"\"{path}\" must be a mapping");
            return DeployConfig.Default;
        }

        var keys = Keys(map, ComposeKeys.Deploy, path + ".");
        if (keys.TryGetValue("mode", out var mode) && Text(mode.Value, path + ".mode") is { } m && m != "replicated")
        {
            Error(mode.Value, $"deploy mode \"{m}\" is not implemented by ContainerCd (replicated is)");
        }

        return new DeployConfig(
            keys.TryGetValue("replicas", out var replicas) ? Integer(replicas.Value, path + ".replicas", 1) ?? 1 : 1,
            keys.TryGetValue("update_config", out var update) ? Update(update.Value, path + ".update_config", rollback: false) : UpdateConfig.Default,
            keys.TryGetValue("rollback_config", out var rollback) ? Update(rollback.Value, path + ".rollback_config", rollback: true) : UpdateConfig.Default);
    }

    private UpdateConfig Update(YamlNode node, string path, bool rollback)
    {
        if (node is not YamlMappingNode map)
        {
            Error(node, $"\"{path}\" must be a mapping");
            return UpdateConfig.Default;
        }

        var keys = Keys(map, ComposeKeys.Update, path + ".");
        var config = UpdateConfig.Default;
        if (keys.TryGetValue("parallelism", out var parallelism) && Integer(parallelism.Value, path + ".parallelism", 0) is { } p)
        {
            if (p == 0)
            {
                Error(parallelism.Value, $"\"{path}.parallelism: 0\" (all at once) is not implemented by ContainerCd: give a number of replicas");
            }

            config = config with { Parallelism = Math.Max(p, 1) };
        }

        if (keys.TryGetValue("delay", out var delay) && Duration(delay.Value, path + ".delay") is { } d)
        {
            config = config with { Delay = d };
        }

        if (keys.TryGetValue("monitor", out var monitor) && Duration(monitor.Value, path + ".monitor") is { } mo)
        {
            config = config with { Monitor = mo };
        }

        if (keys.TryGetValue("order", out var order))
        {
            switch (Text(order.Value, path + ".order"))
            {
                case "stop-first":
                    break;
                case "start-first":
                    config = config with { Order = UpdateOrder.StartFirst };
                    break;
                case { } other:
                    Error(order.Value, $"invalid \"{path}.order\" \"{other}\" (start-first or stop-first)");
                    break;
            }
        }

        if (keys.TryGetValue("failure_action", out var action))
        {
            switch (Text(action.Value, path + ".failure_action"))
            {
                case "pause":
                    break;
                case "rollback" when !rollback:
                    config = config with { FailureAction = FailureAction.Rollback };
                    break;
                case "continue":
                    Error(action.Value, $"\"{path}.failure_action: continue\" is not implemented by ContainerCd (it would leave unhealthy replicas serving); use pause or rollback");
                    break;
                case { } other:
                    Error(action.Value, $"invalid \"{path}.failure_action\" \"{other}\" ({(rollback ? "pause or continue" : "rollback, pause or continue")})");
                    break;
            }
        }

        return config;
    }
}
