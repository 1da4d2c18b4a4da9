#!/bin/sh
# jdrbd unfence-peer handler for Pacemaker: removes the constraint crm-fence-peer.jdrbd.sh placed.
# Same options as crm-fence-peer.jdrbd.sh.
exec "$(dirname "$0")/crm-fence-peer.jdrbd.sh" --unfence "$@"
