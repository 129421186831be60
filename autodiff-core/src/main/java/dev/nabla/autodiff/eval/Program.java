package dev.nabla.autodiff.eval;

import dev.nabla.autodiff.graph.Constant;
import dev.nabla.autodiff.graph.Expr;
import dev.nabla.autodiff.graph.MatMul;
import dev.nabla.autodiff.graph.Variable;
import dev.nabla.autodiff.kernel.Activation;
import dev.nabla.autodiff.kernel.Kernels;
import dev.nabla.autodiff.kernel.PackedMatrix;
import dev.nabla.autodiff.tensor.Shape;
import dev.nabla.autodiff.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A {@link Schedule} specialised to concrete shapes: the instructions to run, in order, and a buffer for
 * each value they produce, reused by liveness. Made in time linear in the graph: every node's shape comes
 * from its primitive's concrete-shape rule (nothing is computed), the fusions of {@link Fusion} are
 * matched, the layouts chosen, and buffers assigned.
 *
 * <p><b>Layouts.</b> The right operand of a product is read in the user's row-major layout, except
 * <ul>
 *   <li>a training step's packed parameters ({@link Layouts#packed}), which its kernels read as they are;
 *   <li>in any plan, a bound right operand of a product with at least {@value #PACK_ROWS} rows, which is
 *       copied into the packed layout at the start of each run when the kernels prefer it ({@link
 *       Kernels#packsLargeProducts}): the copy costs one pass over the matrix, the product gains on
 *       every row (classifying 10,000 images, say).
 * </ul>
 */
final class Program {
  /** Products with at least this many rows pack a bound right operand at every run. */
  static final int PACK_ROWS = 64;

  private final Schedule schedule;
  private final Shape[] shapes;
  private final Tensor[] values;
  private final List<Instruction> code = new ArrayList<>();
  private final int[] bufferOf;
  private final double[][] buffers;
  final Tensor[] outs;

  /**
   * What a training step adds: parameters kept packed, inputs whose non-zeros are kept with the data,
   * and which of those inputs the program reads only through their non-zeros (so their bound values
   * need not be filled, nor checked against the non-zeros).
   */
  record Layouts(Map<Variable, PackedParameter> packed, Map<Variable, SparseRows> sparse, Set<Variable> valuesUnread) {
    static final Layouts NONE = new Layouts(Map.of(), Map.of(), Set.of());
  }

  /** A parameter of shape [n, k] (transposed: P = Wᵀ) or [k, n], held as the packed P [k×n]. */
  record PackedParameter(PackedMatrix matrix, boolean transposed) {}

  /**
   * @param bound the shapes of the variables' values, in {@link Schedule#variables} order (null for a
   *     packed parameter, whose declared shape is used)
   * @throws IllegalArgumentException when a node's inputs have shapes its primitive rejects
   */
  Program(Schedule schedule, Shape[] bound, Kernels kernels, Layouts layouts) {
    this.schedule = schedule;
    int size = schedule.size();
    shapes = new Shape[size];
    values = new Tensor[size];
    for (int k = 0; k < bound.length; k++) {
      int s = schedule.variableSlots[k];
      shapes[s] = bound[k] != null ? bound[k] : schedule.node(s).shape();
    }
    for (int i = 0; i < size; i++) {
      Expr node = schedule.node(i);
      if (node instanceof Constant c) {
        shapes[i] = c.value().shape();
        values[i] = c.value();
      } else if (!(node instanceof Variable)) {
        shapes[i] = shapeOf(node, i);
      }
    }
    instructions(kernels, layouts);
    bufferOf = new int[size];
    buffers = assignBuffers();
    outs = new Tensor[schedule.outputSlots.length];
  }

  /** Node {@code i}'s shape from its inputs' by its concrete-shape rule; errors name the node. */
  private Shape shapeOf(Expr node, int i) {
    Shape[] in = new Shape[schedule.inputs[i].length];
    for (int j = 0; j < in.length; j++) {
      in[j] = shapes[schedule.inputs[i][j]];
    }
    try {
      return node.concreteShape(Arrays.asList(in));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + "\n  in node: " + node + "\n  input shapes: "
          + Arrays.stream(in).map(Shape::toString).collect(Collectors.joining(", ")), e);
    }
  }

  /**
   * Matches the fusions (latest node first, so a pattern's root claims its inputs first), then lists the
   * instructions in order. An instruction runs at its root's position, except a layer that keeps its
   * pre-activation for other readers, which runs at the pre-activation's position: those readers may
   * come before the activation.
   */
  private void instructions(Kernels kernels, Layouts layouts) {
    int size = schedule.size();
    boolean[] absorbed = new boolean[size];
    Instruction[] at = new Instruction[size];
    for (int i = size - 1; i >= 0; i--) {
      Expr node = schedule.node(i);
      if (absorbed[i] || node instanceof Variable || node instanceof Constant) {
        continue;
      }
      Fusion.Layer layer = Fusion.layer(schedule, shapes, i, absorbed);
      if (layer != null) {
        // a kept pre-activation may have readers ahead of the activation: run the layer where the sum stood
        at[layer.kept() >= 0 ? layer.kept() : i] = product(kernels, layouts, i, layer);
        absorbed[layer.product()] = layer.product() != i;
        if (layer.sum() >= 0) {
          absorbed[layer.sum()] = true; // computed by this instruction (and kept, when something else reads it)
        }
        continue;
      }
      Fusion.Backward backward = Fusion.backward(schedule, shapes, i, absorbed);
      if (backward != null) {
        at[i] = new Instruction.ActivationBackward(kernels, backward.act(), i, backward.g(), backward.value());
        absorbInputsOf(i, backward.g(), backward.value(), absorbed);
        continue;
      }
      at[i] = new Instruction.Node(node, i, schedule.inputs[i]);
    }
    for (int i = 0; i < size; i++) {
      if (at[i] != null) {
        code.add(at[i]);
      }
    }
  }

  /**
   * Marks the nodes between the root {@code i} and the pattern's leaves {@code g} and {@code v} as
   * absorbed, down to any node something outside the pattern reads (which is computed as usual).
   */
  private void absorbInputsOf(int i, int g, int v, boolean[] absorbed) {
    ArrayDeque<Integer> todo = new ArrayDeque<>();
    for (int s : schedule.inputs[i]) {
      todo.push(s);
    }
    while (!todo.isEmpty()) {
      int s = todo.pop();
      if (s == g || s == v || absorbed[s] || !schedule.onlyFeeds(s) || schedule.node(s) instanceof Constant) {
        continue;
      }
      absorbed[s] = true;
      for (int t : schedule.inputs[s]) {
        todo.push(t);
      }
    }
  }

  /** The instruction for a layer rooted at {@code root}, in the layout its right operand has. */
  private Product product(Kernels kernels, Layouts layouts, int root, Fusion.Layer layer) {
    int p = layer.product();
    MatMul mm = (MatMul) schedule.node(p);
    int left = schedule.inputs[p][0];
    int right = schedule.inputs[p][1];
    Shape out = shapes[p];
    int m = out.dim(0);
    int n = out.dim(1);
    int k = shapes[left].dim(mm.transA() ? 0 : 1);
    Product.Form form = Product.Form.ROW_MAJOR;
    PackedMatrix packed = null;
    boolean packEachRun = false;
    PackedParameter own = schedule.node(right) instanceof Variable v ? layouts.packed().get(v) : null;
    if (own != null) {
      form = own.transposed() == mm.transB() ? Product.Form.PACKED : Product.Form.PACKED_TRANSPOSED;
      packed = own.matrix();
    } else if (!mm.transA() && m >= PACK_ROWS && schedule.node(right) instanceof Variable
        && kernels.packsLargeProducts()) {
      form = Product.Form.PACKED;
      packed = PackedMatrix.zeros(k, n);
      packEachRun = true;
    }
    Product product = new Product(kernels, form, root, left, right, mm.transA(), mm.transB(), m, k, n, layer.bias(),
        layer.act(), layer.kept(), packed, packEachRun);
    if (schedule.node(left) instanceof Variable v && layouts.sparse().containsKey(v) && form == Product.Form.PACKED) {
      product.readLeftRowsFrom(layouts.sparse().get(v), !layouts.valuesUnread().contains(v));
    }
    return product;
  }

  /**
   * One buffer for each value an instruction writes, taken from the free buffers of its size when there
   * is one; a value's buffer is freed once its last reader has taken its own, so no instruction writes
   * over one of its inputs. Outputs and extra roots are never freed.
   */
  private double[][] assignBuffers() {
    int[] lastUse = new int[schedule.size()];
    for (int c = 0; c < code.size(); c++) {
      for (int s : code.get(c).reads) {
        lastUse[s] = c;
      }
    }
    for (int s = 0; s < schedule.size(); s++) {
      if (schedule.isOutput[s]) {
        lastUse[s] = Integer.MAX_VALUE;
      }
    }
    Arrays.fill(bufferOf, -1);
    List<double[]> pool = new ArrayList<>();
    Map<Integer, ArrayDeque<double[]>> free = new HashMap<>();
    Map<double[], Integer> index = new IdentityHashMap<>();
    for (int c = 0; c < code.size(); c++) {
      Instruction ins = code.get(c);
      for (int s : writes(ins)) {
        int size = shapes[s].size();
        ArrayDeque<double[]> ofSize = free.get(size);
        double[] buf = ofSize == null ? null : ofSize.pollLast();
        if (buf == null) {
          buf = new double[size];
          index.put(buf, pool.size());
          pool.add(buf);
        }
        bufferOf[s] = index.get(buf);
        values[s] = Tensor.wrap(shapes[s], buf);
      }
      for (int s : ins.reads) {
        if (lastUse[s] == c && bufferOf[s] >= 0) {
          lastUse[s] = -1; // released once, even when read twice
          free.computeIfAbsent(values[s].size(), x -> new ArrayDeque<>()).addLast(values[s].rawData());
        }
      }
    }
    return pool.toArray(new double[0][]);
  }

  private static int[] writes(Instruction ins) {
    int[] also = ins.alsoWrites();
    int[] all = Arrays.copyOf(also, also.length + 1);
    all[also.length] = ins.slot;
    return all;
  }

  /** Whether {@code bound} (in variable order; null for packed parameters) has the shapes this program was made for. */
  boolean fits(Tensor[] bound) {
    for (int k = 0; k < bound.length; k++) {
      if (bound[k] != null && !shapes[schedule.variableSlots[k]].equals(bound[k].shape())) {
        return false;
      }
    }
    return true;
  }

  /** Runs the instructions on {@code bound} (in variable order); the outputs are then in {@link #outs}. */
  void run(Tensor[] bound) {
    for (int k = 0; k < bound.length; k++) {
      values[schedule.variableSlots[k]] = bound[k];
    }
    for (int c = 0; c < code.size(); c++) {
      code.get(c).execute(values);
    }
    for (int k = 0; k < outs.length; k++) {
      outs[k] = values[schedule.outputSlots[k]];
    }
  }

  /** The table of values after a run, indexed by slot, for the updates that follow a training step's program. */
  Tensor[] valuesForUpdates() {
    return values;
  }

  /** The value in {@code slot} after a run (a view of its buffer, or a bound or constant value). */
  Tensor value(int slot) {
    return values[slot];
  }

  Shape shape(int slot) {
    return shapes[slot];
  }

  /** The listing: {@code %5:[10, 30] = fused[sigmoid(matmul[transB] x w1 + b1)]   (buffer 0)}, in the style of a jaxpr. */
  String listing() {
    StringBuilder sb = new StringBuilder("{ lambda");
    for (int s : schedule.variableSlots) {
      sb.append(' ').append(((Variable) schedule.node(s)).name()).append(':').append(shapes[s]);
    }
    sb.append(" .\n");
    for (int s = 0; s < schedule.size(); s++) {
      if (schedule.node(s) instanceof Constant c) {
        sb.append("  %").append(s).append(':').append(shapes[s]).append(" = constant")
            .append(c.value().size() == 1 ? " " + c.value().rawData()[0] : "").append('\n');
      }
    }
    for (Instruction ins : code) {
      sb.append("  %").append(ins.slot).append(':').append(shapes[ins.slot]).append(" = ").append(ins.describe(schedule));
      sb.append("   (buffer ").append(bufferOf[ins.slot]).append(")\n");
    }
    sb.append("  in (");
    for (int k = 0; k < schedule.outputSlots.length; k++) {
      sb.append(k > 0 ? ", " : "").append(Instruction.name(schedule, schedule.outputSlots[k]));
    }
    long bytes = 0;
    for (double[] b : buffers) {
      bytes += 8L * b.length;
    }
    return sb.append(") }   ").append(code.size()).append(" instructions, ").append(buffers.length).append(" buffers, ")
        .append(bytes).append(" bytes\n").toString();
  }
}
