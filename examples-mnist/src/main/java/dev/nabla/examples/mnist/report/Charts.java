package dev.nabla.examples.mnist.report;

import static com.google.common.base.Preconditions.checkArgument;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Line charts of a training run, one point per epoch, drawn by XChart (rounded tick labels, a legend,
 * sensible ranges for flat or one-point series). Values that are NaN or infinite are left out, and the
 * title says how many; a chart with no finite value at all says so instead of drawing axes.
 */
public final class Charts {
  private static final int WIDTH = 800;
  private static final int HEIGHT = 480;
  private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c)};

  private Charts() {}

  /** A named series of values, one per epoch (epoch {@code i + 1} is {@code values[i]}). */
  public record Series(String name, double[] values) {
    /** Copies the values. */
    public Series {
      checkArgument(values.length > 0, "Series '%s': no values", name);
      values = values.clone();
    }
  }

  /**
   * Accuracies (fractions in [0, 1]) per epoch as percentages, with the selected epoch marked.
   *
   * @param selectedEpoch the epoch (from 1) whose model was kept, marked on the first series; 0 for none
   */
  public static BufferedImage accuracy(String title, List<Series> series, int selectedEpoch) {
    XYChart chart = chart(title, "accuracy", series, v -> 100 * v);
    chart.getStyler().setYAxisDecimalPattern("0.##'%'");
    Series first = series.get(0);
    if (selectedEpoch >= 1 && selectedEpoch <= first.values().length && Double.isFinite(first.values()[selectedEpoch - 1])) {
      XYSeries mark = chart.addSeries(String.format(Locale.ROOT, "saved model: epoch %d, %.2f%%", selectedEpoch,
          100 * first.values()[selectedEpoch - 1]), new double[] {selectedEpoch}, new double[] {100 * first.values()[selectedEpoch - 1]});
      mark.setMarker(SeriesMarkers.DIAMOND);
      mark.setMarkerColor(Color.BLACK);
      mark.setLineStyle(new BasicStroke(0f));
      mark.setLineColor(new Color(0, 0, 0, 0));
    }
    return render(chart, series);
  }

  /** Values per epoch (a cost, say), on a logarithmic axis when they are positive and span more than a factor of 100. */
  public static BufferedImage lineChart(String title, String yLabel, List<Series> series) {
    XYChart chart = chart(title, yLabel, series, v -> v);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (double v : s.values()) {
        if (Double.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    if (lo > 0 && hi / lo > 100) {
      chart.getStyler().setYAxisLogarithmic(true);
      chart.getStyler().setYAxisMin(lo / 1.5);
      chart.getStyler().setYAxisMax(hi * 1.5);
    } else {
      chart.getStyler().setYAxisDecimalPattern(Math.max(Math.abs(lo), Math.abs(hi)) >= 1e5 ? "0.###E0" : "0.####");
    }
    return render(chart, series);
  }

  private static XYChart chart(String title, String yLabel, List<Series> series, Function<Double, Double> scale) {
    checkArgument(!series.isEmpty(), "chart '%s': no series", title);
    int n = 0;
    int dropped = 0;
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).xAxisTitle("epoch").yAxisTitle(yLabel).build();
    for (int k = 0; k < series.size(); k++) {
      Series s = series.get(k);
      n = Math.max(n, s.values().length);
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      for (int e = 1; e <= s.values().length; e++) {
        double v = s.values()[e - 1];
        if (Double.isFinite(v)) {
          double y = scale.apply(v);
          xs.add((double) e);
          ys.add(y);
          lo = Math.min(lo, y);
          hi = Math.max(hi, y);
        } else {
          dropped++;
        }
      }
      if (!xs.isEmpty()) {
        XYSeries line = chart.addSeries(s.name(), xs, ys);
        line.setMarker(SeriesMarkers.CIRCLE);
        line.setLineColor(COLORS[k % COLORS.length]);
        line.setMarkerColor(COLORS[k % COLORS.length]);
      }
    }
    chart.setTitle(dropped == 0 ? title : String.format(Locale.ROOT, "%s (%d NaN or infinite value%s not shown)", title, dropped,
        dropped == 1 ? "" : "s"));
    Styler styler = chart.getStyler();
    styler.setLegendPosition(Styler.LegendPosition.OutsideS);
    styler.setLegendLayout(Styler.LegendLayout.Horizontal);
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
    styler.setAntiAlias(true);
    if (lo <= hi) { // a margin around the data, so flat and one-point series get a readable axis with several ticks
      double pad = hi > lo ? 0.08 * (hi - lo) : Math.max(0.05 * Math.abs(hi), 1e-3);
      chart.getStyler().setYAxisMin(lo - pad);
      chart.getStyler().setYAxisMax(hi + pad);
    }
    // the axis ends on a round epoch at or after the last one, so the end of the run is labelled; XChart
    // picks the ticks, and only whole epochs get a label
    if (n <= 10) {
      chart.getStyler().setXAxisMin(n <= 1 ? 0.0 : 1.0);
      chart.getStyler().setXAxisMax(n <= 1 ? 2.0 : (double) n);
    } else {
      int step = labelStep(n);
      chart.getStyler().setXAxisMin(0.0);
      chart.getStyler().setXAxisMax((double) ((n + step - 1) / step * step));
    }
    chart.setCustomXAxisTickLabelsFormatter(v -> v == Math.rint(v) ? Long.toString(Math.round(v)) : " "); // " ": XChart cannot draw ""
    return chart;
  }

  /** Epochs between two labelled ones: 1, 2, 5, 10, 20, 50, … so that about ten are labelled. */
  static int labelStep(int epochs) {
    for (int step = 1; ; step *= 10) {
      for (int m : new int[] {1, 2, 5}) {
        if (epochs / (step * m) <= 10) {
          return step * m;
        }
      }
    }
  }

  private static BufferedImage render(XYChart chart, List<Series> series) {
    BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    if (chart.getSeriesMap().isEmpty()) {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, HEIGHT);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
      g.drawString(chart.getTitle(), 30, 40);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
      g.drawString("No finite values to plot in " + series.size() + " series.", 30, 80);
    } else {
      chart.paint(g, WIDTH, HEIGHT);
    }
    g.dispose();
    return img;
  }
}
