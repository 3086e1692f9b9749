/**
 * The BECA reference app: {@link dev.beca.app.BecaCommand} is the {@code beca} command line.
 *
 * <p>The app is the composition root: it wires one implementation of each core interface (the
 * SQLite knowledge base, the Ollama gateway) and holds no business rule of its own.
 */
package dev.beca.app;
