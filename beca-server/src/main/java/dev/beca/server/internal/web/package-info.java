/**
 * The web GUI on {@code beca serve}: log-in sessions (cookie + CSRF token), the server-rendered
 * shell and login pages, and the page's scripts and styles from the jar.
 */
package dev.beca.server.internal.web;
