package org.jdrbd.netlink.transport;

import java.nio.file.Path;
import java.util.Map;

/** Where the control socket is: /run/jdrbd/control.sock unless JDRBD_CONTROL_SOCKET says otherwise. */
public final class ControlSocket {
    /** The default path. */
    public static final Path DEFAULT_PATH = Path.of("/run/jdrbd/control.sock");
    /** The environment variable that names another socket. */
    public static final String ENV = "JDRBD_CONTROL_SOCKET";

    private ControlSocket() { }

    /** The socket path for this environment. */
    public static Path path(Map<String, String> env) {
        String p = env.get(ENV);
        return p == null || p.isEmpty() ? DEFAULT_PATH : Path.of(p);
    }
}
