/**
 * The HTTP API as the approval front end of the assistant's tool calls ({@link
 * dev.beca.server.approvals.ApiApprovals}): calls the permission policy asks about wait to be
 * answered over {@code GET /approvals} and {@code POST /approvals/{id}}.
 */
package dev.beca.server.approvals;
