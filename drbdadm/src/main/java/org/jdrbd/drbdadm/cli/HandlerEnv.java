package org.jdrbd.drbdadm.cli;

import java.util.Map;
import org.jdrbd.drbdadm.conf.Model.Host;
import org.jdrbd.drbdadm.conf.Model.Resource;
import org.jdrbd.drbdadm.conf.Model.Volume;
import org.jdrbd.handlers.HandlerCommand;
import org.jdrbd.handlers.HandlerEnvironment;
import org.jdrbd.handlers.HandlerRequest;
import org.jdrbd.handlers.VolumeInfo;
import org.jdrbd.statemachine.HandlerName;

/**
 * Adapts drbdadm's config model to the handlers module, which owns the environment rules: a
 * {@link HandlerRequest} for this host's part of a resource, and drbdadm's layer of variables
 * (DRBD_CONF, DRBD_RESOURCE, DRBD_NODE_ID_n, DRBD_MY_NODE_ID, the DRBD_MINOR/VOLUME/LL_DISK lists)
 * on top of the environment drbdadm was started with.
 */
public final class HandlerEnv {
    private HandlerEnv() { }

    /** The request for {@code handler} of {@code r}; {@code command} null = not configured. */
    public static HandlerRequest request(HandlerName handler, Resource r, String confFile, String command) {
        HandlerRequest.Builder b = HandlerRequest.builder(handler, r.name).confFile(confFile);
        if (command != null) {
            // The handlers section of the config drbdadm just parsed: local by definition.
            b.command(HandlerCommand.fromLocalConfig(command));
        }
        for (Host h : r.hosts) {
            Integer id = nodeId(h.nodeId);
            if (id != null) {
                b.nodeNames(id, h.names);
            }
        }
        if (r.me != null) {
            Integer me = nodeId(r.me.nodeId);
            if (me != null) {
                b.myNodeId(me);
            }
            for (Volume v : r.me.volumes) {
                b.volume(new VolumeInfo(v.vnr, v.minor, v.disk, false));
            }
        }
        return b.build();
    }

    /** The environment for {@code req} when drbdadm was started with {@code inherited}. */
    public static Map<String, String> build(HandlerRequest req, Map<String, String> inherited) {
        return HandlerEnvironment.drbdadmLayer(inherited, req);
    }

    private static Integer nodeId(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null; // the parser reports bad node ids; handlers just leave them out
        }
    }
}
