package org.jdrbd.daemon.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.openhft.chronicle.map.ChronicleMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state registry as a persisted Chronicle Map under the state directory: a memory-mapped
 * file, so every update is in the page cache the moment it returns and survives a kill -9 of the
 * daemon. Resource records are keyed by name, verify checkpoints by {@link VerifyCheckpoint#key}.
 * Opening costs about two seconds: once at daemon start, never per request.
 */
public final class ChronicleRegistry implements StateRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(ChronicleRegistry.class);
    /** File name under the state directory. */
    public static final String FILE_NAME = "registry.cm3";
    private static final int MAX_RESOURCES = 4096;

    private final ChronicleMap<String, String> map;

    private ChronicleRegistry(ChronicleMap<String, String> map) {
        this.map = map;
    }

    /** Opens or creates the registry in {@code stateDir}. Blocking. */
    public static ChronicleRegistry openBlocking(Path stateDir) throws IOException {
        Files.createDirectories(stateDir);
        Path file = stateDir.resolve(FILE_NAME);
        ChronicleMap<String, String> map = ChronicleMap.of(String.class, String.class)
                .name("jdrbd-resources")
                // Our SIGTERM hook downs resources and updates the map first; it closes the map.
                .skipCloseOnExitHook(true)
                .entries(MAX_RESOURCES)
                .averageKey("a-typical-resource-name")
                .averageValue("v1 r0 0 1 0,0,%2Fdev%2Fvg0%2Fa-typical-volume-name,%2Fdev%2Fvg0%2Fa-typical-volume-name,internal")
                .createPersistedTo(file.toFile());
        return new ChronicleRegistry(map);
    }

    @Override
    public List<ResourceRecord> resources() {
        List<ResourceRecord> out = new ArrayList<>();
        map.forEach((name, text) -> {
            if (!VerifyCheckpoint.isKey(name)) {
                ResourceRecord.decode(text).ifPresentOrElse(out::add,
                        () -> LOG.error("state registry: unreadable record for '{}' ignored", name));
            }
        });
        return out;
    }

    @Override
    public void put(ResourceRecord record) {
        map.put(record.name(), record.encode());
    }

    @Override
    public void remove(String name) {
        map.remove(name);
        String prefix = VerifyCheckpoint.resourcePrefix(name);
        List<String> stale = new ArrayList<>();
        map.forEach((key, text) -> {
            if (key.startsWith(prefix)) {
                stale.add(key);
            }
        });
        stale.forEach(map::remove);
    }

    @Override
    public Optional<VerifyCheckpoint> verifyCheckpoint(String resource, int peerNodeId, int volume) {
        String key = VerifyCheckpoint.key(resource, peerNodeId, volume);
        String text = map.get(key);
        if (text == null) {
            return Optional.empty();
        }
        Optional<VerifyCheckpoint> c = VerifyCheckpoint.decode(key, text);
        if (c.isEmpty()) {
            LOG.error("state registry: unreadable verify checkpoint '{}' ignored", key);
        }
        return c;
    }

    @Override
    public void putVerifyCheckpoint(VerifyCheckpoint checkpoint) {
        map.put(checkpoint.key(), checkpoint.encode());
    }

    @Override
    public void removeVerifyCheckpoint(String resource, int peerNodeId, int volume) {
        map.remove(VerifyCheckpoint.key(resource, peerNodeId, volume));
    }

    @Override
    public void close() {
        map.close();
    }
}
