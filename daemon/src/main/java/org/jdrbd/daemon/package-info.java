/** jdrbd daemon module; see ARCHITECTURE.md. */
package org.jdrbd.daemon;
