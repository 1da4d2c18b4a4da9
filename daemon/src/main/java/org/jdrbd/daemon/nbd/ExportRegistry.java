package org.jdrbd.daemon.nbd;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Exports by name. Registration may happen from any thread while the server runs; a connection
 * looks its export up once, during negotiation.
 */
public final class ExportRegistry {

    private final ConcurrentSkipListMap<String, Export> exports = new ConcurrentSkipListMap<>();

    /** Adds an export; refuses (returns false) if the name is taken. */
    public boolean register(Export export) {
        return exports.putIfAbsent(export.name(), export) == null;
    }

    /** Removes an export by name; connections already using it keep their backend. */
    public Optional<Export> unregister(String name) {
        return Optional.ofNullable(exports.remove(name));
    }

    /** The export with this exact name. */
    public Optional<Export> find(String name) {
        return Optional.ofNullable(exports.get(name));
    }

    /** Every export, sorted by name (what NBD_OPT_LIST shows). */
    public List<Export> all() {
        return List.copyOf(exports.values());
    }
}
