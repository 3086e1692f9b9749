package dev.beca.core.agent;

/** The in-memory log passes the contract, which shows the contract is satisfiable. */
class InMemoryDecisionAuditLogTest extends DecisionAuditLogContract {

  @Override
  protected DecisionAuditLog createLog() {
    return new InMemoryDecisionAuditLog();
  }
}
