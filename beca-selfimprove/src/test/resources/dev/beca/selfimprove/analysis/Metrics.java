package fixture;

/** One method over each threshold (complexity 12, nesting 5, 8 parameters). */
public class Metrics {

  int branchy(int a, int b, int c, int d, int e, int f, int g, int h) {
    int r = 0;
    if (a > 0 && b > 0) {
      for (int i = 0; i < a; i++) {
        while (b > i) {
          try {
            if (c > 0 || d > 0) {
              r++;
            }
          } catch (RuntimeException x) {
            r--;
          }
          b--;
        }
      }
    } else if (e > 0) {
      r = f > 0 ? g : h;
    }
    switch (r) {
      case 1:
      case 2:
        r++;
        break;
      default:
        break;
    }
    return r;
  }

  int simple() {
    return 1;
  }
}
