/** jdrbd netlink-like-api module; see ARCHITECTURE.md. */
package org.jdrbd.netlink;
