/** The server's workings: route table, access gate, JSON, streaming, OpenAPI, metrics. */
package dev.beca.server.internal;
