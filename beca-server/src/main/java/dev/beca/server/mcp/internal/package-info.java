/** MCP over streamable HTTP behind BECA's checks; not published API. */
package dev.beca.server.mcp.internal;
