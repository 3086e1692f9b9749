package dev.beca.core.access;

class InMemoryApiTokensTest extends ApiTokensContract {
  @Override
  protected ApiTokens tokens() {
    return new InMemoryApiTokens();
  }
}
