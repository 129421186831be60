package dev.nabla.optim;

/** The listener of {@link TrainingListener#none()}. */
enum NoListener implements TrainingListener {
  INSTANCE
}
