package org.jdrbd.daemon.engine;

import org.jdrbd.daemon.admin.AdminError;

/** An attach that cannot go on: the ERR_* code and the detail for the user. */
final class DiskOpenFailure extends Exception {
    private static final long serialVersionUID = 1L;

    final AdminError error;

    DiskOpenFailure(AdminError error, String detail) {
        super(detail, null, false, false);
        this.error = error;
    }
}
