package dev.nabla.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Model selection keeps the best epoch's parameters; early stopping stops after the patience runs out. */
class BestEpochTest {
  private final LinearRegression lr = LinearRegression.threeInputs(40, 2);

  @Test
  void keepsTheParametersOfTheEpochWithTheBestScoreAndStopsAfterThePatience() {
    double[] scores = {0.5, 0.7, 0.6, 0.7, 0.65, 0.9, 0.1};
    BestEpoch best = BestEpoch.highest();
    List<EpochState> states = new ArrayList<>();
    TrainingResult r = MiniBatchGradientDescent.builder().learningRate(0.05).batchSize(8).epochs(100).seed(3).build()
        .train(lr.cost, lr.x, lr.y, lr.zeros(), lr.data, TrainingListener.perEpoch(s -> {
          states.add(s);
          best.offer(s, scores[s.epoch() - 1]);
          return best.epochsWithoutImprovement(s) >= 3 ? EpochDecision.stop() : EpochDecision.proceed();
        }));

    assertEquals(5, r.history().size(), "epoch 2 is best until epoch 5, the third without a better score");
    assertEquals(2, best.epoch(), "a tie (epoch 4) keeps the earlier epoch");
    assertEquals(0.7, best.score());
    assertEquals(states.get(1).parameters(), best.parameters());
    assertTrue(r.stoppedEarly());
  }

  @Test
  void lowestPrefersSmallerScoresAndNaNIsNeverBest() {
    BestEpoch best = BestEpoch.lowest();
    assertFalse(best.hasBest());
    assertFalse(best.offer(state(1), Double.NaN));
    assertFalse(best.hasBest());
    assertTrue(best.offer(state(2), 3.0));
    assertTrue(best.offer(state(3), 1.0));
    assertFalse(best.offer(state(4), 2.0));
    assertEquals(3, best.epoch());
    assertEquals(1, best.epochsWithoutImprovement(state(4)));
  }

  @Test
  void epochsMustBeOfferedInOrderAndThereIsNoBestBeforeTheFirst() {
    BestEpoch best = BestEpoch.highest();
    assertEquals("no epoch with a score has been offered yet", assertThrows(IllegalStateException.class, best::epoch).getMessage());
    best.offer(state(2), 1);
    assertEquals("epoch 2 offered after epoch 2",
        assertThrows(IllegalArgumentException.class, () -> best.offer(state(2), 2)).getMessage());
  }

  private EpochState state(int epoch) {
    return new EpochState(epoch, 10, epoch, 0, 0.1, 0, lr.zeros());
  }
}
