/** jdrbd handlers module; see ARCHITECTURE.md. */
package org.jdrbd.handlers;
