using ContainerCd.Entry;

// `lint` runs in this small executable (native code when published, so that it starts as fast as a hello
// world); every other command, and help, is the server's: this process becomes containercd-server. A lint with
// --config goes to the server too: reading the run config is the server's (YAML, the runtime's config model).
return args is ["lint", ..] && !LintCommand.NeedsServer(args) ? LintEntry.Run(args) : ServerHandOff.Run(args);
