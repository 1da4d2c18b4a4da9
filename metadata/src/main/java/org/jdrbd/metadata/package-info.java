/** jdrbd metadata module; see ARCHITECTURE.md. */
package org.jdrbd.metadata;
