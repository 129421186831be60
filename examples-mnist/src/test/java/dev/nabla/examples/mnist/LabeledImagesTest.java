package dev.nabla.examples.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import org.junit.jupiter.api.Test;

class LabeledImagesTest {
  private static final IdxArray IMAGES = IdxArray.of("images", new int[] {3, 2}, new byte[] {0, (byte) 255, 51, 102, 1, 2});
  private static final IdxArray LABELS = IdxArray.of("labels", new int[] {3}, new byte[] {7, 0, 9});

  @Test
  void fromIdxScalesPixelsBy255AndKeepsTheRange() {
    LabeledImages two = LabeledImages.fromIdx(IMAGES, LABELS, 1, 3);
    assertEquals(Tensor.of(Shape.of(2, 2), 0.2, 0.4, 1 / 255.0, 2 / 255.0), two.images());
    assertArrayEquals(new int[] {0, 9}, two.labels());
  }

  @Test
  void oneHotLabelsPutAOneInEachLabelsColumn() {
    Tensor y = LabeledImages.fromIdx(IMAGES, LABELS, 0, 3).oneHotLabels();
    assertEquals(Shape.of(3, 10), y.shape());
    assertEquals(1.0, y.get(0, 7));
    assertEquals(1.0, y.get(1, 0));
    assertEquals(1.0, y.get(2, 9));
    assertEquals(3.0, java.util.Arrays.stream(y.rawData()).sum());
  }

  @Test
  void labelsAreCopiedInAndOut() {
    int[] labels = {1, 2};
    LabeledImages examples = new LabeledImages(Tensor.zeros(2, 4), labels);
    labels[0] = 9;
    examples.labels()[1] = 9;
    assertArrayEquals(new int[] {1, 2}, examples.labels());
  }

  @Test
  void imagesAndLabelsMustAgreeInNumber() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new LabeledImages(Tensor.zeros(2, 4), new int[] {1}));
    assertEquals("LabeledImages: 2 images but 1 labels", e.getMessage());
    IdxArray fourLabels = IdxArray.of("four", new int[] {4}, new byte[4]);
    e = assertThrows(IllegalArgumentException.class, () -> LabeledImages.fromIdx(IMAGES, fourLabels, 0, 3));
    assertEquals("images holds 3 images but four holds 4 labels", e.getMessage());
  }

  @Test
  void labelsMustBeDigits() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new LabeledImages(Tensor.zeros(1, 4), new int[] {10}));
    assertEquals("LabeledImages: label 10 at index 0 is not a digit 0 to 9", e.getMessage());
  }

  @Test
  void anEmptyOrOutOfBoundsRangeIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> LabeledImages.fromIdx(IMAGES, LABELS, 2, 2));
    assertThrows(IndexOutOfBoundsException.class, () -> LabeledImages.fromIdx(IMAGES, LABELS, 0, 4));
  }
}
