package org.jdrbd.daemon.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** A registry that lives only as long as the process (tests, or a daemon without a state dir). */
public final class MemoryRegistry implements StateRegistry {
    private final ConcurrentSkipListMap<String, ResourceRecord> map = new ConcurrentSkipListMap<>();
    private final ConcurrentSkipListMap<String, VerifyCheckpoint> checkpoints = new ConcurrentSkipListMap<>();

    @Override
    public List<ResourceRecord> resources() {
        return new ArrayList<>(map.values());
    }

    @Override
    public void put(ResourceRecord record) {
        map.put(record.name(), record);
    }

    @Override
    public void remove(String name) {
        map.remove(name);
        checkpoints.keySet().removeIf(k -> k.startsWith(VerifyCheckpoint.resourcePrefix(name)));
    }

    @Override
    public Optional<VerifyCheckpoint> verifyCheckpoint(String resource, int peerNodeId, int volume) {
        return Optional.ofNullable(checkpoints.get(VerifyCheckpoint.key(resource, peerNodeId, volume)));
    }

    @Override
    public void putVerifyCheckpoint(VerifyCheckpoint checkpoint) {
        checkpoints.put(checkpoint.key(), checkpoint);
    }

    @Override
    public void removeVerifyCheckpoint(String resource, int peerNodeId, int volume) {
        checkpoints.remove(VerifyCheckpoint.key(resource, peerNodeId, volume));
    }

    @Override
    public void close() {
        map.clear();
        checkpoints.clear();
    }
}
