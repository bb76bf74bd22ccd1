using System.Collections.Frozen;

namespace ContainerCd.Runtime.Delivery.Compose;

/// <summary>
/// The keys of the Compose specification at each level of a template, and the ones ContainerCd implements. A key
/// outside the specification is a warning (a typo, or another tool's key); a key of the specification that
/// ContainerCd does not implement is an error, since ignoring it would change what runs.
/// </summary>
internal sealed record ComposeKeys(string Where, FrozenSet<string> Specification, FrozenSet<string> Implemented)
{
    public static ComposeKeys Top { get; } = Of("the top level",
        "version name services networks volumes configs secrets include models",
        "version name services networks volumes");

    public static ComposeKeys Service { get; } = Of("a service",
        "annotations attach blkio_config build cap_add cap_drop cgroup cgroup_parent command configs container_name cpu_count "
        + "cpu_percent cpu_period cpu_quota cpu_rt_period cpu_rt_runtime cpu_shares cpus cpuset credential_spec depends_on deploy "
        + "develop device_cgroup_rules devices dns dns_opt dns_search domainname driver_opts entrypoint env_file environment expose "
        + "extends external_links extra_hosts gpus group_add healthcheck hostname image init ipc isolation labels label_file links "
        + "logging mac_address mem_limit mem_reservation mem_swappiness memswap_limit models network_mode networks oom_kill_disable "
        + "oom_score_adj pid pids_limit platform ports post_start pre_stop privileged profiles provider pull_policy read_only restart "
        + "runtime scale secrets security_opt shm_size stdin_open stop_grace_period stop_signal storage_opt sysctls tmpfs tty ulimits "
        + "use_api_socket user userns_mode uts volumes volumes_from working_dir",
        "build command depends_on deploy entrypoint environment expose healthcheck image labels networks ports restart user volumes working_dir");

    public static ComposeKeys Build { get; } = Of("build",
        "context dockerfile dockerfile_inline args ssh cache_from cache_to additional_contexts entitlements extra_hosts isolation "
        + "privileged labels no_cache pull network shm_size target secrets tags ulimits platforms provenance sbom",
        "context dockerfile args");

    public static ComposeKeys Healthcheck { get; } = Of("healthcheck",
        "test interval timeout retries start_period start_interval disable",
        "test interval timeout retries start_period start_interval disable");

    public static ComposeKeys Dependency { get; } = Of("depends_on", "condition restart required", "condition required");

    public static ComposeKeys Port { get; } = Of("ports", "target published host_ip protocol mode app_protocol name", "target published host_ip protocol name app_protocol");

    public static ComposeKeys ServiceNetwork { get; } = Of("a service's network",
        "aliases ipv4_address ipv6_address link_local_ips mac_address driver_opts priority gw_priority interface_name",
        "aliases");

    public static ComposeKeys Deploy { get; } = Of("deploy",
        "endpoint_mode labels mode placement replicas resources restart_policy rollback_config update_config",
        "mode replicas rollback_config update_config");

    public static ComposeKeys Update { get; } = Of("update_config",
        "parallelism delay failure_action monitor max_failure_ratio order",
        "parallelism delay failure_action monitor order");

    public static ComposeKeys Network { get; } = Of("a network",
        "driver driver_opts attachable enable_ipv4 enable_ipv6 external ipam internal labels name",
        "driver name");

    public static ComposeKeys Volume { get; } = Of("a volume", "driver driver_opts external labels name", "driver name");

    public static ComposeKeys VolumeMount { get; } = Of("a service's volume",
        "type source target read_only bind volume tmpfs image consistency",
        "type source target read_only");

    private static ComposeKeys Of(string where, string specification, string implemented) => new(
        where,
        specification.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal),
        implemented.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal));
}
