package org.jdrbd.daemon.nbd;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A named export: what a client asks for by name and the backend chain that serves it. The
 * daemon names them {@code RES/VOL}, and {@code RES} for volume 0.
 */
public record Export(String name, String description, Backend backend) {

    public Export {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(backend, "backend");
        if (name.getBytes(StandardCharsets.UTF_8).length > NbdProtocol.MAX_STRING_BYTES) {
            throw new IllegalArgumentException("export name longer than "
                    + NbdProtocol.MAX_STRING_BYTES + " bytes");
        }
    }
}
