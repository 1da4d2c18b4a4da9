/** jdrbd drbdadm module; see ARCHITECTURE.md. */
package org.jdrbd.drbdadm;
