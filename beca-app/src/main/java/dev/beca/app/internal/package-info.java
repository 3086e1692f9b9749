/** The commands, options and logging set-up of the {@code beca} command line. */
package dev.beca.app.internal;
