package dev.beca.core.agent;

/**
 * A front end that can answer approval requests: the terminal now, the server's API and the web
 * page later. It is told about each request and answers it, from any thread, through {@link
 * PendingApproval#answer}; the call waits until then or until the timeout of {@link
 * PendingApprovals}, whichever comes first.
 */
@FunctionalInterface
public interface ApprovalChannel {

  /**
   * A call needs approval. Must return promptly (prompt on another thread, or answer at once); an
   * exception counts as no answer.
   *
   * @param pending the request, to show and answer
   */
  void requested(PendingApproval pending);
}
