package org.jdrbd.daemon.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;

/** A registry that lives only as long as the process (tests, or a daemon without a state dir). */
public final class MemoryRegistry implements StateRegistry {
    private final ConcurrentSkipListMap<String, ResourceRecord> map = new ConcurrentSkipListMap<>();

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
    }

    @Override
    public void close() {
        map.clear();
    }
}
