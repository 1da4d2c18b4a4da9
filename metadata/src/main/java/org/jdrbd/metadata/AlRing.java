package org.jdrbd.metadata;

/**
 * Where AL transaction number t lives: the ring has al_stripes × al_stripe_size_4k blocks;
 * consecutive transactions go round-robin over the stripes.
 */
public final class AlRing {
  private AlRing() {}

  /** Physical block index (0-based, from the AL start) of transaction {@code trNumber}. */
  public static int blockIndex(int trNumber, int alStripes, int alStripeSize4k) {
    int size4k = alStripes * alStripeSize4k;
    int i = Integer.remainderUnsigned(trNumber, size4k);
    return (i % alStripes) * alStripeSize4k + i / alStripes;
  }
}
