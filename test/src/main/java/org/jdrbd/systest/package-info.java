/** jdrbd test module; see ARCHITECTURE.md. */
package org.jdrbd.systest;
