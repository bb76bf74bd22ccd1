using ContainerCd.Entry;

// `lint` runs in this small executable (native code when published, so that it starts as fast as a hello
// world); every other command, and help, is the server's: this process becomes containercd-server.
return args is ["lint", ..] ? LintEntry.Run(args) : ServerHandOff.Run(args);
