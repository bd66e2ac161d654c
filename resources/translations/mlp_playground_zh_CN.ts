<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ActivationGallery</name>
    <message>
        <source>f′(z) = {value} everywhere.</source>
        <extracomment>Samples drawn of each curve. Labelled points of f&apos; at most (a step has two). The context of the gallery&apos;s texts in the catalogue. The core&apos;s annotations (``core/activation_curves.py``) as templates: a pattern that reads the numbers off the English text, and the template that says it again.</extracomment>
        <translation>f′(z) 处处等于 {value}。</translation>
    </message>
    <message>
        <source>f′ steps from {low} to {high} at z = {at}{end}</source>
        <translation>f′ 在 z = {at} 处从 {low} 跳变到 {high}{end}</translation>
    </message>
    <message>
        <source>f′ peaks at {value} at z = {at}{end}</source>
        <translation>f′ 在 z = {at} 处达到峰值 {value}{end}</translation>
    </message>
    <message>
        <source>f′ runs from {first} to {last} over z in [{low}, {high}], never above {peak}.</source>
        <translation>在 z ∈ [{low}, {high}] 上，f′ 从 {first} 变到 {last}，从不超过 {peak}。</translation>
    </message>
    <message>
        <source>f(z) ranges over {range}.</source>
        <translation>f(z) 的取值范围是 {range}。</translation>
    </message>
    <message>
        <source>No squashing: a network of linear layers is one linear map.</source>
        <extracomment>The core&apos;s one-line lessons of each function (``LESSONS``), said as they are.</extracomment>
        <translation>没有压缩：由线性层组成的网络只是一个线性映射。</translation>
    </message>
    <message>
        <source>Units whose z stays negative get no gradient at all and can die.</source>
        <translation>z 一直为负的神经元完全得不到梯度，可能会“死亡”。</translation>
    </message>
    <message>
        <source>The small negative-side slope keeps every unit learning.</source>
        <translation>负半轴上的小斜率让每个神经元都能持续学习。</translation>
    </message>
    <message>
        <source>Smooth below zero, saturating at -1; the slope is e^z there.</source>
        <translation>在零以下是平滑的，饱和于 -1；那里的斜率为 e^z。</translation>
    </message>
    <message>
        <source>Gradients shrink by at least 4x per sigmoid layer: deep stacks learn slowly.</source>
        <translation>每经过一层 sigmoid，梯度至少缩小 4 倍：深层堆叠学得很慢。</translation>
    </message>
    <message>
        <source>Zero-centred, slope 1 at z = 0, but it saturates at ±1 like sigmoid.</source>
        <translation>以零为中心，在 z = 0 处斜率为 1，但和 sigmoid 一样会在 ±1 处饱和。</translation>
    </message>
    <message>
        <source>A smooth ReLU: its slope is the sigmoid of z.</source>
        <translation>平滑版的 ReLU：它的斜率就是 z 的 sigmoid。</translation>
    </message>
    <message>
        <source>z·sigmoid(z): dips below zero and its slope overshoots 1.</source>
        <translation>z·sigmoid(z)：会略低于零，斜率会超过 1。</translation>
    </message>
    <message>
        <source>z·Φ(z) (tanh approximation): like SiLU, a slope above 1 past the knee.</source>
        <translation>z·Φ(z)（tanh 近似）：与 SiLU 类似，过了拐点后斜率大于 1。</translation>
    </message>
    <message>
        <source>Output layer only. With two classes softmax(0, z)₁ equals sigmoid(z), z being the logit difference.</source>
        <translation>仅用于输出层。两个类别时 softmax(0, z)₁ 等于 sigmoid(z)，其中 z 是两个 logit 之差。</translation>
    </message>
    <message>
        <source>The function to plot</source>
        <extracomment>(hidden layer, 0-based; activation name): use this function in that layer. Whether the user picked a function; until then it follows the chosen layer&apos;s.</extracomment>
        <translation>要绘制的函数</translation>
    </message>
    <message>
        <source>The hidden layer &apos;Use for layer&apos; changes</source>
        <translation>“用于该层”要修改的隐藏层</translation>
    </message>
    <message>
        <source>Use for layer</source>
        <translation>用于该层</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>函数</translation>
    </message>
    <message>
        <source>z (pre-activation)</source>
        <translation>z（激活前的值）</translation>
    </message>
    <message>
        <source>layer {n} · {name}</source>
        <translation>第 {n} 层 · {name}</translation>
    </message>
    <message>
        <source>Use {name} in the chosen hidden layer</source>
        <translation>在所选隐藏层中使用 {name}</translation>
    </message>
    <message>
        <source>{name} is an output function: no hidden layer can use it</source>
        <translation>{name} 是输出函数：隐藏层不能使用它</translation>
    </message>
    <message>
        <source>The network has no hidden layer</source>
        <translation>网络没有隐藏层</translation>
    </message>
    <message>
        <source>Layer {n} uses {name} already</source>
        <translation>第 {n} 层已在使用 {name}</translation>
    </message>
</context>
<context>
    <name>ActivationLens</name>
    <message>
        <source>activations a = g(z)</source>
        <extracomment>The fixed range of each activation&apos;s histogram; ranges of bounded ones are theirs. The range of the pre-activation histograms, whatever the activation. The share of a squashing function&apos;s range that counts as its flat tail at each end (as in ``Activation.saturated``); shaded on the histogram.</extracomment>
        <translation>激活值 a = g(z)</translation>
    </message>
    <message>
        <source>pre-activations z</source>
        <translation>激活前的值 z</translation>
    </message>
    <message>
        <source>Activation lens: values over the training set, per hidden layer</source>
        <translation>激活透镜：训练集上每个隐藏层的取值</translation>
    </message>
    <message>
        <source>Show</source>
        <extracomment>Hover targets per bar: a column of points from its foot to its top, so that the mouse anywhere over a bar is nearest one of its own. The hidden layer (0-based) whose units to shade on the canvas, -1 for none. Per histogram: the hover targets (invisible points up each bar) and the read-out. Each histogram&apos;s shown ranges: (low, high) of the values, top of the shares. Each layer&apos;s figures as written beside its histogram.</extracomment>
        <translation>显示</translation>
    </message>
    <message>
        <source>Histogram the activations a = g(z) or their inputs z</source>
        <translation>绘制激活值 a = g(z) 或其输入 z 的直方图</translation>
    </message>
    <message>
        <source>Shade on canvas:</source>
        <translation>画布着色：</translation>
    </message>
    <message>
        <source>Shade the data canvas where a layer&apos;s units are saturated (sigmoid, tanh) or switched off, z ≤ 0 (ReLU, Leaky ReLU, ELU): the stronger the shade, the more units</source>
        <translation>在数据画布上为某一层单元饱和（sigmoid、tanh）或关闭（z ≤ 0：ReLU、Leaky ReLU、ELU）的区域着色：颜色越深，处于该状态的单元越多</translation>
    </message>
    <message>
        <source>{title} — selected run: {run}</source>
        <translation>{title} — 所选运行：{run}</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Layer {n} ({name})</source>
        <translation>第 {n} 层（{name}）</translation>
    </message>
    <message>
        <source>Layer {n} ({name}): never saturated or off</source>
        <translation>第 {n} 层（{name}）：不会饱和或关闭</translation>
    </message>
    <message>
        <source>layer {n} · {name}
saturated {saturated}
dead {dead}</source>
        <translation>第 {n} 层 · {name}
饱和 {saturated}
死亡 {dead}</translation>
    </message>
    <message>
        <source>No hidden layers: nothing to show.</source>
        <translation>没有隐藏层：没有可显示的内容。</translation>
    </message>
    <message>
        <source>No training points: the histograms are empty.</source>
        <translation>没有训练点：直方图为空。</translation>
    </message>
    <message>
        <source>{value} ≤ {high}</source>
        <translation>{value} ≤ {high}</translation>
    </message>
    <message>
        <source>{value} ≥ {low}</source>
        <translation>{value} ≥ {low}</translation>
    </message>
    <message>
        <source>{value} in {low} … {high}</source>
        <translation>{value} 在 {low} … {high} 之间</translation>
    </message>
    <message>
        <source>layer {n} ({name}) · {where} · {share} of values</source>
        <translation>第 {n} 层（{name}） · {where} · 占全部值的 {share}</translation>
    </message>
</context>
<context>
    <name>ActivationOverlay</name>
    <message>
        <source>Shaded: share of layer {n}&apos;s units saturated ({name}, in its flat tails)</source>
        <extracomment>Least time between two overlays drawn while training (10 a second). The thumbnails are resampled this many times finer before their units are counted, so that the shade&apos;s edges follow the units&apos; thresholds rather than the thumbnails&apos; cells.</extracomment>
        <translation>着色：第 {n} 层单元处于饱和的比例（{name}，位于平坦尾部）</translation>
    </message>
    <message>
        <source>Shaded: share of layer {n}&apos;s units switched off ({name}, z ≤ 0)</source>
        <translation>着色：第 {n} 层单元处于关闭的比例（{name}，z ≤ 0）</translation>
    </message>
    <message>
        <source>Layer {n} ({name}) never saturates or switches off: nothing to shade</source>
        <translation>第 {n} 层（{name}）不会饱和或关闭：没有可着色的区域</translation>
    </message>
</context>
<context>
    <name>BackpropInspector</name>
    <message>
        <source>No weights yet: the run is starting.</source>
        <extracomment>The lens&apos;s refresh period while training: the point&apos;s numbers change every step, faster than anyone reads them, and each refresh rebuilds the model, traces the point and redraws the diagram&apos;s overlay. A stop or a step shows the latest at once.</extracomment>
        <translation>还没有权重：运行正在开始。</translation>
    </message>
    <message>
        <source>This point does not fit the network yet: {reason}</source>
        <translation>这个点还不适合当前网络：{reason}</translation>
    </message>
    <message>
        <source>test point ({x}, {y}), target {target}</source>
        <translation>测试点 ({x}, {y})，目标 {target}</translation>
    </message>
    <message>
        <source>training point ({x}, {y}), target {target}</source>
        <translation>训练点 ({x}, {y})，目标 {target}</translation>
    </message>
    <message>
        <source>{title}, epoch {epoch} (a checkpoint)</source>
        <translation>{title}，第 {epoch} 轮次（检查点）</translation>
    </message>
    <message>
        <source>{title}, epoch {epoch}</source>
        <translation>{title}，第 {epoch} 轮次</translation>
    </message>
    <message>
        <source>Inspecting run {run} (the selected run)</source>
        <translation>正在查看运行 {run}（所选运行）</translation>
    </message>
    <message>
        <source>Inspecting the current run</source>
        <translation>正在查看当前运行</translation>
    </message>
    <message>
        <source>output layer</source>
        <translation>输出层</translation>
    </message>
    <message>
        <source>hidden layer {n}</source>
        <translation>隐藏层 {n}</translation>
    </message>
    <message>
        <source>forward →</source>
        <translation>前向 →</translation>
    </message>
    <message>
        <source>← backward</source>
        <translation>← 反向</translation>
    </message>
    <message>
        <source>Step {step} of {steps}: {arrow}, layer {layer} ({kind})</source>
        <translation>第 {step} 步，共 {steps} 步：{arrow}，第 {layer} 层（{kind}）</translation>
    </message>
    <message>
        <source>A batch of this one point: m = 1, so dW = Aᵀ·dZ and db = dZ.</source>
        <translation>只含这一个点的批次：m = 1，所以 dW = Aᵀ·dZ，db = dZ。</translation>
    </message>
    <message>
        <source>The L1/L2 penalty&apos;s share of ∂L/∂W is shown on its own line.</source>
        <translation>L1/L2 惩罚项在 ∂L/∂W 中的部分单独显示在一行。</translation>
    </message>
    <message>
        <source>No L1/L2 penalty is set, so none is included.</source>
        <translation>未设置 L1/L2 惩罚，因此不包含惩罚项。</translation>
    </message>
    <message>
        <source>Choose a data point to follow it through the network.</source>
        <translation>选择一个数据点，跟踪它在网络中的传播。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>The data point to trace (its index in the data set)</source>
        <translation>要跟踪的数据点（它在数据集中的索引）</translation>
    </message>
    <message>
        <source>Pick on canvas</source>
        <translation>在画布上选取</translation>
    </message>
    <message>
        <source>While on, a click on the data canvas picks the nearest point</source>
        <translation>开启时，在数据画布上单击会选取最近的点</translation>
    </message>
    <message>
        <source>The phase before (←)</source>
        <translation>上一阶段（←）</translation>
    </message>
    <message>
        <source>The next phase (→)</source>
        <translation>下一阶段（→）</translation>
    </message>
    <message>
        <source>Point</source>
        <translation>数据点</translation>
    </message>
    <message>
        <source>Choose a point: its index, or Pick on canvas.</source>
        <translation>选择一个点：输入它的索引，或使用“在画布上选取”。</translation>
    </message>
</context>
<context>
    <name>BackpropWiring</name>
    <message>
        <source>No weights yet: the run is starting.</source>
        <translation>还没有权重：运行正在启动。</translation>
    </message>
</context>
<context>
    <name>BannerList</name>
    <message>
        <source>No warnings: gradients and activations look healthy.</source>
        <extracomment>Shown when a run has no warning.</extracomment>
        <translation>没有警告：梯度和激活值看起来都很健康。</translation>
    </message>
</context>
<context>
    <name>ClassPicker</name>
    <message>
        <source>orange</source>
        <extracomment>The class colours&apos; names (palette&apos;s CLASS_NAMES), marked for lupdate; shown translated.</extracomment>
        <translation>橙色</translation>
    </message>
    <message>
        <source>blue</source>
        <translation>蓝色</translation>
    </message>
    <message>
        <source>green</source>
        <translation>绿色</translation>
    </message>
    <message>
        <source>vermillion</source>
        <translation>朱红色</translation>
    </message>
    <message>
        <source>purple</source>
        <translation>紫色</translation>
    </message>
    <message>
        <source>sky blue</source>
        <translation>天蓝色</translation>
    </message>
    <message>
        <source>yellow</source>
        <translation>黄色</translation>
    </message>
    <message>
        <source>black</source>
        <translation>黑色</translation>
    </message>
    <message>
        <source>Remove the last class</source>
        <translation>移除最后一个类别</translation>
    </message>
    <message>
        <source>Add a class</source>
        <translation>添加一个类别</translation>
    </message>
    <message>
        <source>Target value that the brush paints</source>
        <translation>画笔绘制的目标值</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标值</translation>
    </message>
    <message>
        <source>Paint class {c} ({colour}): {n} points</source>
        <translation>绘制类别 {c}（{colour}）：{n} 个点</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <source>sigmoid vs ReLU</source>
        <extracomment>Separates runs in a spec; a comma does too, except for keys whose values hold commas. Keys whose values are lists with commas of their own (``hidden=8,8/4``). Quick comparisons: (button text, key, values); the text is translated when shown.</extracomment>
        <translation>sigmoid 对比 ReLU</translation>
    </message>
    <message>
        <source>zero vs He init</source>
        <translation>全零 对比 He 初始化</translation>
    </message>
    <message>
        <source>learning rate 0.03 vs 3</source>
        <translation>学习率 0.03 对比 3</translation>
    </message>
    <message>
        <source>Compare runs</source>
        <translation>比较运行</translation>
    </message>
    <message>
        <source>Train 2 to 4 copies of the current run side by side, in lock step: same data, same seed, same mini-batches, differing only in the setting chosen here.</source>
        <translation>把当前运行复制 2 到 4 份，并排同步训练：数据相同、种子相同、小批量相同，只有这里选定的设置不同。</translation>
    </message>
    <message>
        <source>Try:</source>
        <translation>试试：</translation>
    </message>
    <message>
        <source>What differs:</source>
        <translation>不同的设置：</translation>
    </message>
    <message>
        <source>Add run</source>
        <translation>添加运行</translation>
    </message>
    <message>
        <source>Add another run (at most {n})</source>
        <translation>再添加一个运行（最多 {n} 个）</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>Give {low} to {high} values.</source>
        <translation>请给出 {low} 到 {high} 个值。</translation>
    </message>
    <message>
        <source>Give run {n} a value.</source>
        <translation>请为运行 {n} 给出一个值。</translation>
    </message>
    <message>
        <source>Runs {first} and {second} have the same value.</source>
        <translation>运行 {first} 和运行 {second} 的值相同。</translation>
    </message>
    <message>
        <source>Compare {spec}</source>
        <translation>比较 {spec}</translation>
    </message>
</context>
<context>
    <name>CompareTable</name>
    <message>
        <source>Run</source>
        <extracomment>Column titles (translated when shown); the metric&apos;s two come from ``set_metric_name``.</extracomment>
        <translation>运行</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Train loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>Test loss</source>
        <translation>测试损失</translation>
    </message>
    <message>
        <source>Diverged</source>
        <translation>发散</translation>
    </message>
    <message>
        <source>acc.</source>
        <extracomment>The metric&apos;s word in the column titles (translated when shown).</extracomment>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Train {metric}</source>
        <extracomment>Text that sizes each numeric column: the widest value it normally shows.</extracomment>
        <translation>训练{metric}</translation>
    </message>
    <message>
        <source>Test {metric}</source>
        <translation>测试{metric}</translation>
    </message>
    <message>
        <source>Epochs each run has trained</source>
        <translation>每个运行已训练的轮次</translation>
    </message>
    <message>
        <source>Mean loss over the training set</source>
        <translation>训练集上的平均损失</translation>
    </message>
    <message>
        <source>Mean loss over the test set</source>
        <translation>测试集上的平均损失</translation>
    </message>
    <message>
        <source>Accuracy (R² for regression) on the training set</source>
        <translation>训练集上的准确率（回归任务为 R²）</translation>
    </message>
    <message>
        <source>Accuracy (R² for regression) on the test set</source>
        <translation>测试集上的准确率（回归任务为 R²）</translation>
    </message>
    <message>
        <source>When and why a run stopped: a loss or gradient that is no longer finite</source>
        <translation>运行何时以及为何停止：损失或梯度不再是有限值</translation>
    </message>
</context>
<context>
    <name>Comparing</name>
    <message>
        <source>Comparing {runs}, in lock step.</source>
        <translation>正在同步比较 {runs}。</translation>
    </message>
    <message>
        <source>Comparison ended: {run} goes on alone.</source>
        <translation>比较已结束：{run} 单独继续训练。</translation>
    </message>
    <message>
        <source>The diagram shows {run}</source>
        <translation>网络图显示的是 {run}</translation>
    </message>
    <message>
        <source>Resume from epoch {epoch}</source>
        <translation>从第 {epoch} 轮继续</translation>
    </message>
    <message>
        <source>Resumed from epoch {epoch}; the later epochs were dropped (Ctrl+Z brings them back).</source>
        <translation>已从第 {epoch} 轮继续；之后的轮次已丢弃（按 Ctrl+Z 可恢复）。</translation>
    </message>
</context>
<context>
    <name>ConfusionPlot</name>
    <message>
        <source>train</source>
        <extracomment>The colour of a cell holding its whole row. Which points a matrix counts, as its title says them (translated where shown).</extracomment>
        <translation>训练集</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试集</translation>
    </message>
    <message>
        <source>predicted class</source>
        <extracomment>Cells darker than this share of the row get white text. Farthest the mouse may be from a cell&apos;s centre to read it (cells are large).</extracomment>
        <translation>预测类别</translation>
    </message>
    <message>
        <source>true class</source>
        <translation>真实类别</translation>
    </message>
    <message>
        <source>{which} · {total} points</source>
        <translation>{which} · {total} 个点</translation>
    </message>
    <message>
        <source> · accuracy {accuracy}</source>
        <translation> · 准确率 {accuracy}</translation>
    </message>
    <message>
        <source>{which} · true {true} → predicted {predicted} · {count} points ({share} of true {true})</source>
        <translation>{which} · 真实 {true} → 预测 {predicted} · {count} 个点（占真实类别 {true} 的 {share}）</translation>
    </message>
    <message>
        <source> · run {name}</source>
        <translation> · 运行 {name}</translation>
    </message>
</context>
<context>
    <name>Controller</name>
    <message>
        <source>Load example</source>
        <extracomment>Most times a second the network diagram shows a frame while training runs. The bias pills&apos; numbers (57 texts and tooltips on the spiral) change slowly: while training they are set at most this often, a stop or a step always. The runs on screen: the model the snapshots are filed in.</extracomment>
        <translation>载入示例</translation>
    </message>
    <message>
        <source>Network reset: {reason}.</source>
        <translation>网络已重置：{reason}。</translation>
    </message>
    <message>
        <source>Already at epoch {epoch}: training goes on, and the stop after {epochs} epochs is off.</source>
        <translation>已到第 {epoch} 轮：训练继续进行，“{epochs} 轮后停止”已关闭。</translation>
    </message>
    <message>
        <source>Weights reset.</source>
        <translation>权重已重置。</translation>
    </message>
</context>
<context>
    <name>CoreMessages</name>
    <message>
        <source>There are no training points: draw some or pick a preset.</source>
        <extracomment>The core&apos;s sentences shown as banners, marked here for lupdate (the core has no Qt to translate them); :func:`core_text` says them.</extracomment>
        <translation>没有训练点：请绘制一些点，或选择一个预设。</translation>
    </message>
    <message>
        <source>The training points are all one class: add points of another class.</source>
        <translation>训练点全都属于同一类别：请添加另一类别的点。</translation>
    </message>
</context>
<context>
    <name>DataCanvas</name>
    <message>
        <source>value {value}</source>
        <extracomment>Gap between the neuron caption and the plot area&apos;s edges (px). Index (into the data set&apos;s points) of the point a click chose in pick mode. The boundary picture on screen (None when the image shows anything else). Where a hidden layer&apos;s units are saturated or off, chosen in the activation lens. What the picture on screen says under the mouse.</extracomment>
        <translation>值 {value}</translation>
    </message>
    <message>
        <source>ŷ {value}</source>
        <extracomment>Gap between the read-out and the plot area&apos;s edges (px).</extracomment>
        <translation>ŷ {value}</translation>
    </message>
    <message>
        <source>class {k}, {share} %</source>
        <translation>类别 {k}，{share} %</translation>
    </message>
    <message>
        <source>x₁ {x} · x₂ {y}</source>
        <translation>x₁ {x} · x₂ {y}</translation>
    </message>
</context>
<context>
    <name>DataPanel</name>
    <message>
        <source>Auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Binary</source>
        <translation>二分类</translation>
    </message>
    <message>
        <source>Multiclass</source>
        <translation>多分类</translation>
    </message>
    <message>
        <source>Regression</source>
        <translation>回归</translation>
    </message>
    <message>
        <source>Generate</source>
        <extracomment>The forms&apos; row captions, by the control they name.</extracomment>
        <translation>生成</translation>
    </message>
    <message>
        <source>Paint</source>
        <translation>绘制</translation>
    </message>
    <message>
        <source>Split and display</source>
        <translation>划分与显示</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>点数</translation>
    </message>
    <message>
        <source>Noise</source>
        <translation>噪声</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Tool</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>Brush</source>
        <translation>画笔</translation>
    </message>
    <message>
        <source>Density</source>
        <translation>密度</translation>
    </message>
    <message>
        <source>Test data</source>
        <translation>测试数据</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>擦除</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Show test data</source>
        <translation>显示测试数据</translation>
    </message>
    <message>
        <source>Discretize output</source>
        <translation>离散化输出</translation>
    </message>
    <message>
        <source>regression</source>
        <translation>回归</translation>
    </message>
    <message>
        <source>{n} classes</source>
        <translation>{n} 个类别</translation>
    </message>
    <message>
        <source>{total} points: {train} train, {test} test ({kind})</source>
        <translation>共 {total} 个点：训练集 {train} 个，测试集 {test} 个（{kind}）</translation>
    </message>
    <message>
        <source>Undo {action}</source>
        <translation>撤销{action}</translation>
    </message>
    <message>
        <source>Nothing to undo</source>
        <translation>没有可撤销的操作</translation>
    </message>
    <message>
        <source>Redo {action}</source>
        <translation>重做{action}</translation>
    </message>
    <message>
        <source>Nothing to redo</source>
        <translation>没有可重做的操作</translation>
    </message>
</context>
<context>
    <name>DiagramHeader</name>
    <message>
        <source>Activation of hidden layer {n}</source>
        <translation>隐藏层 {n} 的激活函数</translation>
    </message>
    <message>
        <source>Remove a neuron</source>
        <translation>移除一个神经元</translation>
    </message>
    <message>
        <source>Add a neuron</source>
        <translation>添加一个神经元</translation>
    </message>
    <message>
        <source>Activation of hidden layer {n}: {name}</source>
        <translation>隐藏层 {n} 的激活函数：{name}</translation>
    </message>
    <message>
        <source>{n} neuron</source>
        <translation>{n} 个神经元</translation>
    </message>
    <message>
        <source>{n} neurons</source>
        <translation>{n} 个神经元</translation>
    </message>
    <message>
        <source>FEATURES</source>
        <translation>特征</translation>
    </message>
    <message>
        <source>OUTPUT</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Remove the last hidden layer</source>
        <translation>移除最后一个隐藏层</translation>
    </message>
    <message>
        <source>Add a hidden layer</source>
        <translation>添加一个隐藏层</translation>
    </message>
    <message>
        <source>{on} of {all} on</source>
        <translation>已启用 {on}/{all}</translation>
    </message>
    <message>
        <source>{n} unit</source>
        <translation>{n} 个单元</translation>
    </message>
    <message>
        <source>{n} units</source>
        <translation>{n} 个单元</translation>
    </message>
    <message>
        <source>{n} hidden layer</source>
        <translation>{n} 个隐藏层</translation>
    </message>
    <message>
        <source>{n} hidden layers</source>
        <translation>{n} 个隐藏层</translation>
    </message>
</context>
<context>
    <name>Edits</name>
    <message>
        <source>At least one input feature is needed.</source>
        <translation>至少需要一个输入特征。</translation>
    </message>
    <message>
        <source>input {label} added</source>
        <translation>已添加输入 {label}</translation>
    </message>
    <message>
        <source>input {label} removed</source>
        <translation>已移除输入 {label}</translation>
    </message>
    <message>
        <source>At most {n} hidden layers.</source>
        <translation>最多 {n} 个隐藏层。</translation>
    </message>
    <message>
        <source>hidden layer {n} added</source>
        <translation>已添加第 {n} 个隐藏层</translation>
    </message>
    <message>
        <source>hidden layer {n} removed</source>
        <translation>已移除第 {n} 个隐藏层</translation>
    </message>
    <message>
        <source>At most {n} neurons per layer.</source>
        <translation>每层最多 {n} 个神经元。</translation>
    </message>
    <message>
        <source>layer {n} now has {units} neurons</source>
        <translation>第 {n} 层现在有 {units} 个神经元</translation>
    </message>
    <message>
        <source>layer {n} now uses {name}</source>
        <translation>第 {n} 层现在使用 {name}</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <source>MLP Playground sessions (*.mlps)</source>
        <extracomment>File dialog filters, English; :func:`file_filter` gives them in the current language.</extracomment>
        <translation>MLP Playground 会话 (*.mlps)</translation>
    </message>
    <message>
        <source>CSV datasets (*.csv)</source>
        <translation>CSV 数据集 (*.csv)</translation>
    </message>
    <message>
        <source>NumPy weights (*.npz);;JSON weights (*.json)</source>
        <translation>NumPy 权重 (*.npz);;JSON 权重 (*.json)</translation>
    </message>
    <message>
        <source>Weights (*.npz *.json)</source>
        <translation>权重 (*.npz *.json)</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG image (*.svg)</source>
        <translation>PNG 图像 (*.png);;SVG 图像 (*.svg)</translation>
    </message>
    <message>
        <source>Unsaved work</source>
        <translation>未保存的工作</translation>
    </message>
    <message>
        <source>The data, settings or weights have changed since they were last saved.
Save the session first?</source>
        <translation>数据、设置或权重自上次保存以来已有更改。
要先保存会话吗？</translation>
    </message>
    <message>
        <source>Could not open the session</source>
        <extracomment>False: never ask before discarding (screenshot runs, which nobody answers).</extracomment>
        <translation>无法打开会话</translation>
    </message>
    <message>
        <source>Could not save the session</source>
        <translation>无法保存会话</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>Open session</source>
        <translation>打开会话</translation>
    </message>
    <message>
        <source>Save session</source>
        <translation>保存会话</translation>
    </message>
    <message>
        <source>Could not import the dataset</source>
        <translation>无法导入数据集</translation>
    </message>
    <message>
        <source>Import {name}</source>
        <translation>导入 {name}</translation>
    </message>
    <message>
        <source>Could not export the dataset</source>
        <translation>无法导出数据集</translation>
    </message>
    <message>
        <source>Exported {path}</source>
        <translation>已导出 {path}</translation>
    </message>
    <message>
        <source>Import dataset</source>
        <translation>导入数据集</translation>
    </message>
    <message>
        <source>Export dataset</source>
        <translation>导出数据集</translation>
    </message>
    <message>
        <source>Nothing to export</source>
        <translation>没有可导出的内容</translation>
    </message>
    <message>
        <source>The network has not been built yet.</source>
        <translation>网络尚未构建。</translation>
    </message>
    <message>
        <source>Could not export the weights</source>
        <translation>无法导出权重</translation>
    </message>
    <message>
        <source>Exported weights to {path}</source>
        <translation>权重已导出到 {path}</translation>
    </message>
    <message>
        <source>Could not import the weights</source>
        <translation>无法导入权重</translation>
    </message>
    <message>
        <source>Export weights</source>
        <translation>导出权重</translation>
    </message>
    <message>
        <source>Import weights</source>
        <translation>导入权重</translation>
    </message>
    <message>
        <source>Could not export the image</source>
        <translation>无法导出图像</translation>
    </message>
    <message>
        <source>Export image</source>
        <translation>导出图像</translation>
    </message>
    <message>
        <source>untitled</source>
        <translation>未命名</translation>
    </message>
</context>
<context>
    <name>GradientLens</name>
    <message>
        <source>Gradient lens: per-layer gradient norm and update ratio (log scales)</source>
        <extracomment>The healthy band of the update ratio (log10 -4 to -2) and its middle, 1e-3. What the plots show without data (log10 values). The curves&apos; pen width: 1 is Qt&apos;s fast path.</extracomment>
        <translation>梯度透镜：每层的梯度范数与更新比率（对数刻度）</translation>
    </message>
    <message>
        <source>epoch</source>
        <extracomment>What the presenter last drew here (it skips a frame it has drawn already).</extracomment>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Update ratio: green band 1e-4…1e-2, dashed line 1e-3 (Karpathy&apos;s rule of thumb)</source>
        <translation>更新比率：绿色带为 1e-4…1e-2，虚线为 1e-3（Karpathy 的经验法则）</translation>
    </message>
    <message>
        <source>the run without a label</source>
        <translation>无标签的运行</translation>
    </message>
    <message>
        <source>{title} — selected run: {run}</source>
        <translation>{title} — 所选运行：{run}</translation>
    </message>
</context>
<context>
    <name>GradientPlot</name>
    <message>
        <source>layer {n}</source>
        <extracomment>Part of viridis used on a light and on a dark background, so every layer stays visible. Most columns of the legend in compare mode. Width of a layer&apos;s bar (of 1 between layers). With more layers than this, the legend and the bar labels name only some of them. What the log axis shows without data: 1e-4 to 1 (as log10 values).</extracomment>
        <translation>第 {n} 层</translation>
    </message>
    <message>
        <source>layer {n} (output)</source>
        <translation>第 {n} 层（输出）</translation>
    </message>
    <message>
        <source>Weight-gradient norm ‖∂L/∂W‖₂ per layer (log scale)</source>
        <extracomment>What the presenter last drew here (it skips the same again); None after clear(). Compare mode&apos;s curves; ``_run_labels`` is None while one run is shown.</extracomment>
        <translation>每层权重梯度范数 ‖∂L/∂W‖₂（对数刻度）</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>layer (now)</source>
        <translation>层（当前）</translation>
    </message>
</context>
<context>
    <name>HealthWarnings</name>
    <message>
        <source>Vanishing gradients: layer 1&apos;s gradient is {times} smaller than layer {last}&apos;s</source>
        <extracomment>The context of the health warnings&apos; texts in the catalogue. The core&apos;s warning sentences (``core/health.py``) as templates: a pattern that reads the figures off the English sentence, and the template that says it again.</extracomment>
        <translation>梯度消失：第 1 层的梯度比第 {last} 层的小 {times}</translation>
    </message>
    <message>
        <source>Vanishing gradients: layer 1&apos;s gradient is zero while layer {last}&apos;s is {value}</source>
        <translation>梯度消失：第 1 层的梯度为零，而第 {last} 层的为 {value}</translation>
    </message>
    <message>
        <source>Exploding gradients: layer {layer}&apos;s gradient norm is infinite, above {limit}</source>
        <translation>梯度爆炸：第 {layer} 层的梯度范数为无穷大，超过 {limit}</translation>
    </message>
    <message>
        <source>Exploding gradients: layer {layer}&apos;s gradient norm is {value}, above {limit}</source>
        <translation>梯度爆炸：第 {layer} 层的梯度范数为 {value}，超过 {limit}</translation>
    </message>
    <message>
        <source>Exploding gradients: layer {layer}&apos;s gradient grew {times} within {epochs} epochs</source>
        <translation>梯度爆炸：第 {layer} 层的梯度在 {epochs} 个轮次内增长了 {times}</translation>
    </message>
    <message>
        <source>Dead units: {percent} of hidden layer {layer}&apos;s {name} units never fire on a training point</source>
        <translation>死亡神经元：隐藏层 {layer} 中 {percent} 的 {name} 神经元在任何训练点上都不激活</translation>
    </message>
    <message>
        <source>Saturated units: {percent} of hidden layer {layer}&apos;s {name} activations sit in the flat tails</source>
        <translation>饱和神经元：隐藏层 {layer} 中 {percent} 的 {name} 激活值落在平坦的尾部</translation>
    </message>
    <message>
        <source>try ReLU, He initialisation or fewer layers</source>
        <extracomment>What the warnings suggest (the values of the core&apos;s ``FIXES``).</extracomment>
        <translation>试试 ReLU、He 初始化或减少层数</translation>
    </message>
    <message>
        <source>try a lower learning rate, smaller initial weights or L2</source>
        <translation>试试更低的学习率、更小的初始权重或 L2 正则化</translation>
    </message>
    <message>
        <source>try a lower learning rate, Leaky ReLU or a small positive bias</source>
        <translation>试试更低的学习率、Leaky ReLU 或一个小的正偏置</translation>
    </message>
    <message>
        <source>try smaller initial weights (Xavier), a lower learning rate or ReLU</source>
        <translation>试试更小的初始权重（Xavier）、更低的学习率或 ReLU</translation>
    </message>
</context>
<context>
    <name>HiddenSpaceView</name>
    <message>
        <source>unit {n}</source>
        <translation>单元 {n}</translation>
    </message>
    <message>
        <source>0 (the layer has one unit)</source>
        <translation>0（该层只有一个单元）</translation>
    </message>
    <message>
        <source>PC 2</source>
        <translation>主成分 2</translation>
    </message>
    <message>
        <source>PC 1</source>
        <translation>主成分 1</translation>
    </message>
    <message>
        <source>PCA 1–2</source>
        <translation>主成分 1–2</translation>
    </message>
    <message>
        <source>two units</source>
        <translation>两个单元</translation>
    </message>
    <message>
        <source>Hidden space: the data and the input grid in a hidden layer&apos;s coordinates</source>
        <translation>隐藏空间：数据和输入网格在某个隐藏层坐标中的样子</translation>
    </message>
    <message>
        <source>Layer</source>
        <extracomment>What the points&apos; styles were made of (their targets, the train count, the task). What is drawn: the projection used, the points&apos; and the grid&apos;s coordinates.</extracomment>
        <translation>层</translation>
    </message>
    <message>
        <source>Axes</source>
        <translation>坐标轴</translation>
    </message>
    <message>
        <source>{title} — selected run: {run}</source>
        <translation>{title} — 所选运行：{run}</translation>
    </message>
    <message>
        <source>hidden layer {n}</source>
        <translation>隐藏层 {n}</translation>
    </message>
    <message>
        <source>This network has no hidden layer: only the input space.</source>
        <translation>这个网络没有隐藏层：只有输入空间。</translation>
    </message>
    <message>
        <source>This layer has one unit: it is plotted against 0.</source>
        <translation>该层只有一个单元：以 0 为另一坐标绘制。</translation>
    </message>
    <message>
        <source>target {value}</source>
        <translation>目标 {value}</translation>
    </message>
    <message>
        <source>class {k}</source>
        <translation>类别 {k}</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>point {index}</source>
        <translation>点 {index}</translation>
    </message>
    <message>
        <source>input ({x1}, {x2})</source>
        <translation>输入 ({x1}, {x2})</translation>
    </message>
    <message>
        <source>{axis} {value}</source>
        <translation>{axis} {value}</translation>
    </message>
    <message>
        <source>run {name}</source>
        <translation>运行 {name}</translation>
    </message>
</context>
<context>
    <name>HyperPanel</name>
    <message>
        <source>Training</source>
        <extracomment>(label, l1 switch, l2 switch) of each regularisation type (the label is translated). The form&apos;s row captions, by the setting they name.</extracomment>
        <translation>训练</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Regularization</source>
        <translation>正则化</translation>
    </message>
    <message>
        <source>Reg. rate</source>
        <translation>正则化率</translation>
    </message>
    <message>
        <source>Initializer</source>
        <translation>初始化</translation>
    </message>
    <message>
        <source>Bias init</source>
        <translation>偏置初始值</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Nesterov</source>
        <translation>Nesterov</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>auto (follows the task)</source>
        <translation>自动（随任务而定）</translation>
    </message>
    <message>
        <source>regularization rate {text} is not a number</source>
        <translation>正则化率 {text} 不是数字</translation>
    </message>
</context>
<context>
    <name>ImageExport</name>
    <message>
        <source>could not write {path}</source>
        <translation>无法写入 {path}</translation>
    </message>
</context>
<context>
    <name>Launch</name>
    <message>
        <source>settings from the command line</source>
        <extracomment>Exit code when --screenshot gives up (the timeout passed, or the window would not close).</extracomment>
        <translation>命令行中的设置</translation>
    </message>
</context>
<context>
    <name>LessonExhibits</name>
    <message>
        <source>The {n} linear hidden layers multiply out to one affine map of the inputs:</source>
        <extracomment>The view each exhibit opens, when the window shows it in a lens.</extracomment>
        <translation>这 {n} 个线性隐藏层相乘后只是输入的一个仿射映射：</translation>
    </message>
    <message>
        <source>The product of the layers&apos; matrices (the network is not linear, so it is not the network&apos;s map):</source>
        <translation>各层矩阵的乘积（网络不是线性的，所以它不是网络的映射）：</translation>
    </message>
</context>
<context>
    <name>LessonGuard</name>
    <message>
        <source>Data locked by the lesson</source>
        <extracomment>Settings that follow the data: a lock on them holds the data&apos;s task and classes. Most repairs one check makes (each settles one kind of difference). The names of the locked settings a check put back.</extracomment>
        <translation>恢复本课锁定的数据</translation>
    </message>
    <message>
        <source>locked by this lesson</source>
        <translation>本课锁定的设置已恢复</translation>
    </message>
</context>
<context>
    <name>LessonLocks</name>
    <message>
        <source>Input features</source>
        <extracomment>What each lockable setting is called (English; :func:`lock_labels` translates).</extracomment>
        <translation>输入特征</translation>
    </message>
    <message>
        <source>Hidden layers and their neurons</source>
        <translation>隐藏层及其神经元</translation>
    </message>
    <message>
        <source>Activations</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Number of classes</source>
        <translation>类别数</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Initializer</source>
        <translation>初始化</translation>
    </message>
    <message>
        <source>Bias init</source>
        <translation>偏置初始值</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>L1 regularization rate</source>
        <translation>L1 正则化率</translation>
    </message>
    <message>
        <source>L2 regularization rate</source>
        <translation>L2 正则化率</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <source>Nesterov</source>
        <translation>Nesterov</translation>
    </message>
    <message>
        <source>Data (painting, erasing, regenerating)</source>
        <translation>数据（绘制、擦除、重新生成）</translation>
    </message>
</context>
<context>
    <name>LessonPanel</name>
    <message>
        <source>Goals</source>
        <extracomment>Item data role holding whether a goal is reached (a bool).</extracomment>
        <translation>目标</translation>
    </message>
    <message>
        <source>Every goal is reached. Well done!</source>
        <translation>所有目标都已达成，做得好！</translation>
    </message>
    <message>
        <source>◀ Previous lesson</source>
        <translation>◀ 上一课</translation>
    </message>
    <message>
        <source>Next lesson ▶</source>
        <translation>下一课 ▶</translation>
    </message>
    <message>
        <source>Close lesson</source>
        <translation>关闭课程</translation>
    </message>
    <message>
        <source>Leave the lesson: every setting is unlocked</source>
        <translation>离开课程：所有设置都将解锁</translation>
    </message>
    <message>
        <source>What this lesson shows: %1</source>
        <translation>本课要点：%1</translation>
    </message>
    <message>
        <source>Step %1. %2</source>
        <translation>第 %1 步。%2</translation>
    </message>
    <message>
        <source> (now %1)</source>
        <translation>（当前 %1）</translation>
    </message>
</context>
<context>
    <name>LessonSaving</name>
    <message>
        <source>Save as &amp;Lesson…</source>
        <translation>另存为课程(&amp;L)…</translation>
    </message>
    <message>
        <source>Save the window as a challenge: a title, the text, goals and locks</source>
        <translation>把当前窗口保存为一个挑战：标题、正文、目标和锁定项</translation>
    </message>
    <message>
        <source>Could not make the lesson</source>
        <translation>无法创建课程</translation>
    </message>
    <message>
        <source>Save as lesson</source>
        <translation>另存为课程</translation>
    </message>
    <message>
        <source>Could not save the lesson</source>
        <translation>无法保存课程</translation>
    </message>
    <message>
        <source>Saved the lesson to %1</source>
        <translation>课程已保存到 %1</translation>
    </message>
</context>
<context>
    <name>LessonWiring</name>
    <message>
        <source>Lesson</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Locked by this lesson</source>
        <extracomment>Least height the lesson panel opens with, in pixels. The lesson shown (its LessonMeta), or None once it is closed.</extracomment>
        <translation>已被本课锁定</translation>
    </message>
    <message>
        <source>&amp;Lessons</source>
        <translation>课程(&amp;L)</translation>
    </message>
    <message>
        <source>The lessons could not be read</source>
        <extracomment>The data of the document shown: other data with no undo steps is another one.</extracomment>
        <translation>无法读取课程</translation>
    </message>
    <message>
        <source>&amp;Close Lesson</source>
        <translation>关闭课程(&amp;C)</translation>
    </message>
    <message>
        <source>The lesson in this file could not be read: %1</source>
        <translation>无法读取此文件中的课程：%1</translation>
    </message>
    <message>
        <source>Every goal is reached.</source>
        <translation>所有目标都已达成。</translation>
    </message>
    <message>
        <source>Locked by this lesson: %1. The change was undone.</source>
        <translation>已被本课锁定：%1。该更改已撤销。</translation>
    </message>
</context>
<context>
    <name>LossPlot</name>
    <message>
        <source>accuracy (%)</source>
        <extracomment>On a linear axis, losses beyond this are left out: one diverged epoch would otherwise stretch the axis to 1e+280 and flatten every other value to zero. An empty log axis shows losses from 0.01 to 1 (as log10 values). Metric values beyond this are left out (R² of a diverged run reaches -1e+280). Display of each metric: axis label, legend word, factor applied to the values, lowest value of the axis and highest value of the axis.</extracomment>
        <translation>准确率（%）</translation>
    </message>
    <message>
        <source>acc.</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>accuracy</source>
        <extracomment>The metrics&apos; names as the title says them (translated where shown).</extracomment>
        <translation>准确率</translation>
    </message>
    <message>
        <source>train loss</source>
        <extracomment>What the presenter last drew here (it skips the same again); None after clear(). Compare mode&apos;s curves, one set per run; ``_runs`` is None while one run is shown.</extracomment>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>test loss</source>
        <translation>测试损失</translation>
    </message>
    <message>
        <source>train {metric}</source>
        <translation>训练{metric}</translation>
    </message>
    <message>
        <source>test {metric}</source>
        <translation>测试{metric}</translation>
    </message>
    <message>
        <source>log scale</source>
        <translation>对数刻度</translation>
    </message>
    <message>
        <source>Show the loss on a logarithmic axis</source>
        <translation>在对数坐标轴上显示损失</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Loss and {metric} per epoch</source>
        <translation>每个轮次的损失与{metric}</translation>
    </message>
    <message>
        <source>Loss (thick) and {metric} (thin) per run · dashed: test</source>
        <translation>每次运行的损失（粗线）与{metric}（细线）· 虚线：测试集</translation>
    </message>
    <message>
        <source> · loss above {limit} not drawn</source>
        <translation> · 未绘制高于 {limit} 的损失</translation>
    </message>
    <message>
        <source>Losses above {limit} are not drawn on the linear axis: tick &apos;log scale&apos;</source>
        <translation>线性坐标轴上不绘制高于 {limit} 的损失：请勾选“对数刻度”</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>System Default</source>
        <extracomment>Every registered view (see ``registry.VIEWS``), by name. View &gt; Language: one checkable action per language, &quot;&quot; for the system&apos;s.</extracomment>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>运行控制</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>Keyboard and mouse</source>
        <translation>键盘与鼠标</translation>
    </message>
    <message>
        <source>&lt;b&gt;MLP Playground {version}&lt;/b&gt;&lt;p&gt;See how multilayer perceptrons train: draw data, stack layers, press Play.&lt;/p&gt;</source>
        <translation>&lt;b&gt;MLP Playground {version}&lt;/b&gt;&lt;p&gt;观察多层感知机如何训练：画出数据，叠加层，按下播放。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About MLP Playground</source>
        <translation>关于 MLP Playground</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <extracomment>The menu bar&apos;s menus, by name, in order (``image`` is File &gt; Export Image).</extracomment>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Export &amp;Image</source>
        <translation>导出图像(&amp;I)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <source>Start again from the default example</source>
        <translation>从默认示例重新开始</translation>
    </message>
    <message>
        <source>&amp;Open Session…</source>
        <translation>打开会话(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Save Session</source>
        <translation>保存会话(&amp;S)</translation>
    </message>
    <message>
        <source>Save Session &amp;As…</source>
        <translation>会话另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Import Dataset (CSV)…</source>
        <translation>导入数据集 (CSV)(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Export Dataset (CSV)…</source>
        <translation>导出数据集 (CSV)(&amp;E)…</translation>
    </message>
    <message>
        <source>Import &amp;Weights…</source>
        <translation>导入权重(&amp;W)…</translation>
    </message>
    <message>
        <source>Load weights to continue or inspect</source>
        <translation>载入权重，以继续训练或查看</translation>
    </message>
    <message>
        <source>Export W&amp;eights…</source>
        <translation>导出权重(&amp;E)…</translation>
    </message>
    <message>
        <source>.npz or .json</source>
        <translation>.npz 或 .json</translation>
    </message>
    <message>
        <source>Whole &amp;Window…</source>
        <translation>整个窗口(&amp;W)…</translation>
    </message>
    <message>
        <source>&amp;Data Canvas…</source>
        <translation>数据画布(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Network Diagram…</source>
        <translation>网络图(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Play / Pause</source>
        <translation>播放 / 暂停(&amp;P)</translation>
    </message>
    <message>
        <source>Start or pause training (Space)</source>
        <translation>开始或暂停训练（空格）</translation>
    </message>
    <message>
        <source>&amp;Step One Epoch</source>
        <translation>单步训练一轮(&amp;S)</translation>
    </message>
    <message>
        <source>Train one epoch (→)</source>
        <translation>训练一轮（→）</translation>
    </message>
    <message>
        <source>&amp;Reset Weights</source>
        <translation>重置权重(&amp;R)</translation>
    </message>
    <message>
        <source>Back to the initial weights of this seed (R)</source>
        <translation>回到此种子的初始权重（R）</translation>
    </message>
    <message>
        <source>&amp;Compare Runs…</source>
        <translation>比较运行(&amp;C)…</translation>
    </message>
    <message>
        <source>Train 2–4 copies that differ in one setting, side by side, in lock step (Ctrl+K)</source>
        <translation>并排同步训练 2–4 个只有一项设置不同的副本（Ctrl+K）</translation>
    </message>
    <message>
        <source>&amp;End Comparison</source>
        <translation>结束比较(&amp;E)</translation>
    </message>
    <message>
        <source>Keep the selected run only</source>
        <translation>只保留选中的运行</translation>
    </message>
    <message>
        <source>History: &amp;Earlier Checkpoint</source>
        <translation>历史：上一个检查点(&amp;E)</translation>
    </message>
    <message>
        <source>History: &amp;Later Checkpoint</source>
        <translation>历史：下一个检查点(&amp;L)</translation>
    </message>
    <message>
        <source>C&amp;lear Data</source>
        <translation>清空数据(&amp;L)</translation>
    </message>
    <message>
        <source>Reset &amp;Layout</source>
        <translation>重置布局(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About MLP Playground</source>
        <translation>关于 MLP Playground(&amp;A)</translation>
    </message>
</context>
<context>
    <name>NetworkDiagram</name>
    <message>
        <source>Bias of {unit}</source>
        <translation>{unit} 的偏置</translation>
    </message>
    <message>
        <source>Bias of {unit}: {value}. Click to type a new value.</source>
        <translation>{unit} 的偏置：{value}。单击可输入新值。</translation>
    </message>
    <message>
        <source>layer {layer} #{unit}</source>
        <extracomment>What a hit test finds: a node&apos;s key, (&quot;edge&quot;, layer, k), (&quot;bias&quot;, column, unit) or (&quot;fold&quot;, column) for a column&apos;s fold pill.</extracomment>
        <translation>第 {layer} 层 #{unit}</translation>
    </message>
    <message>
        <source>{feature}: click to remove it from the network</source>
        <translation>{feature}：单击将其从网络中移除</translation>
    </message>
    <message>
        <source>{feature}: click to feed it into the network</source>
        <translation>{feature}：单击将其输入网络</translation>
    </message>
    <message>
        <source>{hidden} of the {units} units in this layer are not drawn (units {first}–{last}); nor are their edges.</source>
        <translation>该层 {units} 个单元中有 {hidden} 个未绘制（单元 {first}–{last}），它们的连线也未绘制。</translation>
    </message>
    <message>
        <source>Click to draw them all.</source>
        <translation>点击以全部画出。</translation>
    </message>
    <message>
        <source>show fewer</source>
        <translation>收起</translation>
    </message>
    <message>
        <source>All {units} units of this layer are drawn. Click to draw the first {n} only.</source>
        <translation>已画出本层全部 {units} 个单元。点击只画前 {n} 个。</translation>
    </message>
    <message>
        <source>+{n} more</source>
        <translation>另有 {n} 个</translation>
    </message>
    <message>
        <source>Weight {route}</source>
        <extracomment>(run id or None, flat parameter index, new value)</extracomment>
        <translation>权重 {route}</translation>
    </message>
    <message>
        <source>{caption} (Enter applies, Esc cancels)</source>
        <translation>{caption}（Enter 应用，Esc 取消）</translation>
    </message>
    <message>
        <source>Draw only the first {n} units</source>
        <extracomment>The output column&apos;s identity (hidden columns are known by their index, 1 up). Keys that toggle a focused fold pill. The set of unfolded columns changed: the diagram is laid out and built again.</extracomment>
        <translation>只画前 {n} 个单元</translation>
    </message>
    <message>
        <source>Draw all {units} units</source>
        <translation>画出全部 {units} 个单元</translation>
    </message>
</context>
<context>
    <name>PanelWiring</name>
    <message>
        <source>binary</source>
        <extracomment>The tasks as the &quot;task is now&quot; banner names them (English; translated when shown).</extracomment>
        <translation>二分类</translation>
    </message>
    <message>
        <source>multiclass</source>
        <translation>多分类</translation>
    </message>
    <message>
        <source>regression</source>
        <translation>回归</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Network reset: the task is now {task}.</source>
        <translation>网络已重置：任务现在是{task}。</translation>
    </message>
    <message>
        <source>Generate {name}</source>
        <translation>生成 {name}</translation>
    </message>
    <message>
        <source>New data ({name}): weights and history reset.</source>
        <translation>新数据（{name}）：权重和历史已重置。</translation>
    </message>
    <message>
        <source>initialisation settings changed</source>
        <translation>初始化设置已更改</translation>
    </message>
</context>
<context>
    <name>ParamWiring</name>
    <message>
        <source>Set parameter {index} to {value}</source>
        <translation>将参数 {index} 设为 {value}</translation>
    </message>
    <message>
        <source>That run has been replaced: the value was not applied.</source>
        <translation>该运行已被替换：数值没有应用。</translation>
    </message>
</context>
<context>
    <name>ParameterEditor</name>
    <message>
        <source>Type a number, e.g. 0.5.</source>
        <extracomment>The largest |value| that can be typed: beyond it every unit it feeds saturates or blows up.</extracomment>
        <translation>请输入一个数字，例如 0.5。</translation>
    </message>
    <message>
        <source>“{text}” is not a number.</source>
        <translation>“{text}”不是数字。</translation>
    </message>
    <message>
        <source>Only a finite number can be a weight: not NaN or infinity.</source>
        <translation>权重只能是有限的数：不能是 NaN 或无穷大。</translation>
    </message>
    <message>
        <source>Keep it between −{limit} and {limit}.</source>
        <translation>请保持在 −{limit} 到 {limit} 之间。</translation>
    </message>
    <message>
        <source>Enter applies, Escape cancels</source>
        <translation>Enter 应用，Escape 取消</translation>
    </message>
</context>
<context>
    <name>Plots</name>
    <message>
        <source>diverged</source>
        <extracomment>What a plot without data shows: the first ten epochs, and values from 0 to 1. Pixels for each value axis (ticks and label). Fixed, because an axis that sizes itself to its labels can flip between two widths at some plot sizes, each relayout asking for the other, and the plot then repaints without end.</extracomment>
        <translation>已发散</translation>
    </message>
    <message>
        <source>diverged at epoch {epoch}</source>
        <translation>在第 {epoch} 轮次发散</translation>
    </message>
    <message>
        <source>epoch {n}</source>
        <extracomment>Farthest a point may be from the cursor, in pixels, to be read out. The read-out&apos;s text and its marker stay above the curves. Between the facts of a read-out; where it is too wide, its lines break here. Words a point: ``label(index, x, y)`` with the point&apos;s row and data values.</extracomment>
        <translation>第 {n} 轮次</translation>
    </message>
    <message>
        <source>run {name}</source>
        <translation>运行 {name}</translation>
    </message>
</context>
<context>
    <name>ResultsView</name>
    <message>
        <source>Results appear once the network has seen the data.</source>
        <extracomment>Seconds between two presentations while training: the gallery only follows the layers; the results redraw with a new point pass at most 4 times a second (their counts change little between passes, and two matrices of texts are dear to paint).</extracomment>
        <translation>网络看过数据后，这里会显示结果。</translation>
    </message>
    <message>
        <source>epoch {epoch} · {train} train, {test} test points</source>
        <translation>第 {epoch} 轮次 · {train} 个训练点，{test} 个测试点</translation>
    </message>
    <message>
        <source>train and test</source>
        <extracomment>The &quot;Points&quot; choices: which sets of points are shown.</extracomment>
        <translation>训练集和测试集</translation>
    </message>
    <message>
        <source>train</source>
        <translation>训练集</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试集</translation>
    </message>
    <message>
        <source>Confusion</source>
        <extracomment>What the title says the page shows (translated where shown).</extracomment>
        <translation>混淆矩阵</translation>
    </message>
    <message>
        <source>Residuals</source>
        <translation>残差</translation>
    </message>
    <message>
        <source>target {target} · residual {residual} · train point</source>
        <translation>目标 {target} · 残差 {residual} · 训练点</translation>
    </message>
    <message>
        <source>target {target} · residual {residual} · test point</source>
        <translation>目标 {target} · 残差 {residual} · 测试点</translation>
    </message>
    <message>
        <source> · run {name}</source>
        <translation> · 运行 {name}</translation>
    </message>
    <message>
        <source>Run</source>
        <extracomment>The compared run to show, by its index in the runs. What is shown: the run id, epoch and snapshot number it came from (None: nothing).</extracomment>
        <translation>运行</translation>
    </message>
    <message>
        <source>Whose results to show while runs are compared</source>
        <translation>比较运行时显示哪一次运行的结果</translation>
    </message>
    <message>
        <source>Show the training points, the test points, or both</source>
        <translation>显示训练点、测试点或两者</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>数据点</translation>
    </message>
    <message>
        <source>target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>residual (target − prediction)</source>
        <translation>残差（目标 − 预测）</translation>
    </message>
    <message>
        <source>train (filled)</source>
        <translation>训练集（实心）</translation>
    </message>
    <message>
        <source>test (hollow)</source>
        <translation>测试集（空心）</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Counted at the latest point pass (up to 2,000 points, evenly thinned). Rows: true class; columns: predicted class; each cell&apos;s share is of its row.</source>
        <translation>按最近一次数据点前向计算统计（最多 2,000 个点，均匀抽稀）。行：真实类别；列：预测类别；每个格子的占比相对于它所在的行。</translation>
    </message>
    <message>
        <source>Residual = target − prediction: above zero the network predicts too low.</source>
        <translation>残差 = 目标 − 预测：大于零表示网络预测偏低。</translation>
    </message>
</context>
<context>
    <name>RunTiles</name>
    <message>
        <source>diverged at epoch {n}</source>
        <translation>在第 {n} 轮次发散</translation>
    </message>
    <message>
        <source>epoch {n}</source>
        <translation>第 {n} 轮次</translation>
    </message>
    <message>
        <source>epoch {n} · test loss {value}</source>
        <translation>第 {n} 轮次 · 测试损失 {value}</translation>
    </message>
    <message>
        <source>epoch {n} · train loss {value}</source>
        <translation>第 {n} 轮次 · 训练损失 {value}</translation>
    </message>
</context>
<context>
    <name>SaveLessonDialog</name>
    <message>
        <source>Save as Lesson</source>
        <extracomment>Item data role holding a goal&apos;s index or a lock&apos;s setting name.</extracomment>
        <translation>另存为课程</translation>
    </message>
    <message>
        <source>e.g. Four neurons are enough</source>
        <translation>例如：四个神经元就够了</translation>
    </message>
    <message>
        <source>Markdown. An introduction, then one &apos;## Step&apos; heading per step: what to press, what to look at, and why.</source>
        <translation>Markdown 格式。先写一段引言，然后每一步用一个“## Step”标题：按什么、看什么，以及为什么。</translation>
    </message>
    <message>
        <source>Train first: goals are made from the figures shown now.</source>
        <translation>请先训练：目标根据当前显示的数值生成。</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>正文</translation>
    </message>
    <message>
        <source>Goals</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>锁定</translation>
    </message>
    <message>
        <source>A lesson needs a title</source>
        <translation>课程需要一个标题</translation>
    </message>
</context>
<context>
    <name>Scrubber</name>
    <message>
        <source>Pause training to scrub through its checkpoints</source>
        <extracomment>The longest caption&apos;s numbers, to keep the label&apos;s width still while the cursor moves.</extracomment>
        <translation>暂停训练后才能浏览检查点</translation>
    </message>
    <message>
        <source>no checkpoints yet</source>
        <translation>还没有检查点</translation>
    </message>
    <message>
        <source>epoch {epoch} of {latest}</source>
        <translation>第 {epoch} 轮，共 {latest} 轮</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>The run&apos;s checkpoints, from the first epoch to the latest</source>
        <translation>本次运行的检查点，从第一轮到最新一轮</translation>
    </message>
    <message>
        <source>Move through the run&apos;s checkpoints (Shift+← / Shift+→)</source>
        <translation>在本次运行的检查点间移动（Shift+← / Shift+→）</translation>
    </message>
    <message>
        <source>The checkpoint under the cursor, and the latest one</source>
        <translation>光标所在的检查点，以及最新的检查点</translation>
    </message>
    <message>
        <source>Resume from here</source>
        <translation>从这里继续</translation>
    </message>
    <message>
        <source>Continue training from this checkpoint, dropping the history after it (undoable)</source>
        <translation>从此检查点继续训练，丢弃其后的历史（可撤销）</translation>
    </message>
    <message>
        <source>Back to latest</source>
        <translation>回到最新</translation>
    </message>
    <message>
        <source>Show the latest state of the run again</source>
        <translation>重新显示本次运行的最新状态</translation>
    </message>
</context>
<context>
    <name>Sessions</name>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Open session</source>
        <translation>打开会话</translation>
    </message>
    <message>
        <source>{name} was trained for {trained}, but the data is {data}. Nothing was changed.</source>
        <translation>{name} 是为{trained}训练的，但当前数据是{data}。未做任何更改。</translation>
    </message>
    <message>
        <source>Loaded weights from {name} (trained {epochs} epochs).</source>
        <translation>已从 {name} 载入权重（已训练 {epochs} 轮）。</translation>
    </message>
    <message>
        <source>a {task} task</source>
        <translation>{task}任务</translation>
    </message>
    <message>
        <source>a {task} task with {classes} classes</source>
        <translation>{task}任务（{classes} 个类别）</translation>
    </message>
    <message>
        <source>{task} with {classes} classes</source>
        <translation>{task}（{classes} 个类别）</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>Space</source>
        <extracomment>(keys, what they do): shown by Help &gt; Keyboard Shortcuts and listed in the README.</extracomment>
        <translation>空格</translation>
    </message>
    <message>
        <source>play / pause</source>
        <translation>播放 / 暂停</translation>
    </message>
    <message>
        <source>→</source>
        <translation>→</translation>
    </message>
    <message>
        <source>train one epoch</source>
        <translation>训练一轮</translation>
    </message>
    <message>
        <source>R</source>
        <translation>R</translation>
    </message>
    <message>
        <source>reset the weights to their initial values (change the seed for others)</source>
        <translation>把权重重置为初始值（换一个种子可得到其他初始值）</translation>
    </message>
    <message>
        <source>Shift+← / Shift+→</source>
        <translation>Shift+← / Shift+→</translation>
    </message>
    <message>
        <source>while paused: the previous / next checkpoint of the history</source>
        <translation>暂停时：历史中的上一个 / 下一个检查点</translation>
    </message>
    <message>
        <source>Ctrl+K</source>
        <translation>Ctrl+K</translation>
    </message>
    <message>
        <source>compare 2–4 runs that differ in one setting</source>
        <translation>比较只有一项设置不同的 2–4 个运行</translation>
    </message>
    <message>
        <source>Ctrl+Z / Ctrl+Shift+Z or Ctrl+Y</source>
        <translation>Ctrl+Z / Ctrl+Shift+Z 或 Ctrl+Y</translation>
    </message>
    <message>
        <source>undo / redo a data edit (or a &quot;Resume from here&quot;)</source>
        <translation>撤销 / 重做一次数据编辑（或一次“从这里继续”）</translation>
    </message>
    <message>
        <source>Ctrl+N / Ctrl+O / Ctrl+S</source>
        <translation>Ctrl+N / Ctrl+O / Ctrl+S</translation>
    </message>
    <message>
        <source>new / open / save session</source>
        <translation>新建 / 打开 / 保存会话</translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <source>quit (asks first when there is unsaved work)</source>
        <translation>退出（有未保存的工作时会先询问）</translation>
    </message>
    <message>
        <source>Ctrl+I / Ctrl+E</source>
        <translation>Ctrl+I / Ctrl+E</translation>
    </message>
    <message>
        <source>import / export the dataset as CSV</source>
        <translation>以 CSV 格式导入 / 导出数据集</translation>
    </message>
    <message>
        <source>Ctrl+Shift+E</source>
        <translation>Ctrl+Shift+E</translation>
    </message>
    <message>
        <source>export the weights (.npz or .json)</source>
        <translation>导出权重（.npz 或 .json）</translation>
    </message>
    <message>
        <source>Left drag on the data</source>
        <translation>在数据上左键拖动</translation>
    </message>
    <message>
        <source>paint points of the selected class</source>
        <translation>绘制所选类别的点</translation>
    </message>
    <message>
        <source>Right drag on the data</source>
        <translation>在数据上右键拖动</translation>
    </message>
    <message>
        <source>erase points under the brush</source>
        <translation>擦除画笔下的点</translation>
    </message>
    <message>
        <source>Wheel / middle drag</source>
        <translation>滚轮 / 中键拖动</translation>
    </message>
    <message>
        <source>zoom / pan the data view</source>
        <translation>缩放 / 平移数据视图</translation>
    </message>
    <message>
        <source>Hover a neuron</source>
        <translation>悬停在神经元上</translation>
    </message>
    <message>
        <source>show its map large on the data canvas</source>
        <translation>在数据画布上放大显示它的输出图</translation>
    </message>
    <message>
        <source>Click an edge or a bias</source>
        <translation>单击一条连线或一个偏置</translation>
    </message>
    <message>
        <source>type its value (Enter applies, Esc cancels)</source>
        <translation>输入它的数值（Enter 应用，Esc 取消）</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>this list</source>
        <translation>本列表</translation>
    </message>
</context>
<context>
    <name>StatusText</name>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>loss {train} / test {test}   {metric} {train_metric} / {test_metric}</source>
        <translation>损失 {train} / 测试 {test}   {metric} {train_metric} / {test_metric}</translation>
    </message>
    <message>
        <source>loss not measured yet</source>
        <translation>尚未测量损失</translation>
    </message>
    <message>
        <source>not trained yet</source>
        <translation>尚未训练</translation>
    </message>
    <message>
        <source>{steps} steps/s · {epochs} epochs/s</source>
        <translation>{steps} 步/秒 · {epochs} 轮/秒</translation>
    </message>
    <message>
        <source>epoch {epoch}</source>
        <translation>第 {epoch} 轮</translation>
    </message>
    <message>
        <source>input {name}</source>
        <translation>输入 {name}</translation>
    </message>
    <message>
        <source>output {n}</source>
        <translation>输出 {n}</translation>
    </message>
    <message>
        <source>layer {layer}, neuron {n}</source>
        <translation>第 {layer} 层，神经元 {n}</translation>
    </message>
    <message>
        <source>Weight from {source} to {target}: {weight}</source>
        <translation>从 {source} 到 {target} 的权重：{weight}</translation>
    </message>
    <message>
        <source>{name}
no finite values</source>
        <translation>{name}
没有有限值</translation>
    </message>
    <message>
        <source>{name}
min {low}   mean {mean}   max {high}</source>
        <translation>{name}
最小 {low}   平均 {mean}   最大 {high}</translation>
    </message>
    <message>
        <source>The run diverged at epoch {epoch}; it starts again from the initial weights.</source>
        <translation>运行在第 {epoch} 轮发散；现在从初始权重重新开始。</translation>
    </message>
    <message>
        <source> At learning rate {rate} it will likely diverge again: try {lower} (Training tab).</source>
        <translation>学习率为 {rate} 时很可能再次发散：试试 {lower}（“训练”面板）。</translation>
    </message>
    <message>
        <source> Learning rate {rate} (was {old}).</source>
        <translation>学习率现为 {rate}（原为 {old}）。</translation>
    </message>
</context>
<context>
    <name>Training</name>
    <message>
        <source>Stopped after {epochs} epochs.</source>
        <extracomment>The banner when training reaches the stop after N epochs.</extracomment>
        <translation>已在 {epochs} 轮后停止。</translation>
    </message>
    <message>
        <source>Reached training loss {loss:.4g} at epoch {epoch}.</source>
        <extracomment>The banner when training reaches the target training loss (the loss as 0.01234).</extracomment>
        <translation>在第 {epoch} 轮达到训练损失 {loss:.4g}。</translation>
    </message>
    <message>
        <source>Every run has stopped.</source>
        <extracomment>The banner when every compared run has stopped on its own.</extracomment>
        <translation>所有运行都已停止。</translation>
    </message>
    <message>
        <source>Training stopped by an internal error: {error}</source>
        <extracomment>The banner when a bug stopped training; the error is Python&apos;s, in English.</extracomment>
        <translation>训练因内部错误而停止：{error}</translation>
    </message>
    <message>
        <source>Paused. {problem}</source>
        <extracomment>The banner when new points cannot be trained on; the problem says why.</extracomment>
        <translation>已暂停。{problem}</translation>
    </message>
    <message>
        <source>These points cannot be trained on: {error}.</source>
        <extracomment>Why new points cannot be trained on; the error is the core&apos;s, in English.</extracomment>
        <translation>无法用这些点训练：{error}。</translation>
    </message>
    <message>
        <source>diverged at epoch {epoch} ({reason}) — lower the learning rate</source>
        <extracomment>The banner when a run diverges; the reason is one of the three below (the core&apos;s Divergence.message, as a template).</extracomment>
        <translation>在第 {epoch} 轮发散（{reason}）— 请降低学习率</translation>
    </message>
    <message>
        <source>non-finite loss</source>
        <extracomment>Why a diverging run stopped (the core&apos;s Trainer._diverge calls and kernel._REASONS).</extracomment>
        <translation>损失不是有限值</translation>
    </message>
    <message>
        <source>non-finite gradient</source>
        <translation>梯度不是有限值</translation>
    </message>
    <message>
        <source>weights overflowed</source>
        <translation>权重溢出</translation>
    </message>
</context>
<context>
    <name>TransportBar</name>
    <message>
        <source>Reset the weights (R): back to the initial weights of this seed</source>
        <translation>重置权重（R）：回到此种子的初始权重</translation>
    </message>
    <message>
        <source>One epoch (→): one pass over the training points</source>
        <translation>一轮（→）：把训练点完整过一遍</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Epochs trained: one epoch is one pass over all the training points</source>
        <translation>已训练的轮次：一轮就是把所有训练点完整过一遍</translation>
    </message>
    <message>
        <source>Training speed: steps (mini-batches) and epochs per second</source>
        <translation>训练速度：每秒的步数（小批量数）和轮数</translation>
    </message>
    <message>
        <source>Stop at epoch</source>
        <translation>在此轮次停止</translation>
    </message>
    <message>
        <source>Pause on its own at an epoch</source>
        <translation>到达某一轮次时自动暂停</translation>
    </message>
    <message>
        <source>Pause when the epoch counter reaches this value</source>
        <translation>轮次计数达到此值时暂停</translation>
    </message>
    <message>
        <source>Stop at loss ≤</source>
        <translation>损失 ≤ 此值时停止</translation>
    </message>
    <message>
        <source>Pause on its own once the loss is low enough</source>
        <translation>损失足够低时自动暂停</translation>
    </message>
    <message>
        <source>Pause once the training loss reaches this value</source>
        <translation>训练损失达到此值时暂停</translation>
    </message>
    <message>
        <source>{steps} steps/s · {epochs} epochs/s</source>
        <translation>{steps} 步/秒 · {epochs} 轮/秒</translation>
    </message>
    <message>
        <source>Pause (Space)</source>
        <translation>暂停（空格）</translation>
    </message>
    <message>
        <source>Run (Space)</source>
        <translation>运行（空格）</translation>
    </message>
</context>
<context>
    <name>ValueRow</name>
    <message>
        <source>Remove this run</source>
        <translation>移除此运行</translation>
    </message>
    <message>
        <source>Run {n}</source>
        <translation>运行 {n}</translation>
    </message>
</context>
<context>
    <name>compare</name>
    <message>
        <source>the activation of every hidden layer, one of linear, relu, leaky_relu, elu, sigmoid, tanh, softplus, silu, gelu</source>
        <translation>每个隐藏层的激活函数，可选 linear、relu、leaky_relu、elu、sigmoid、tanh、softplus、silu、gelu</translation>
    </message>
    <message>
        <source>the weight initialiser, one of zeros, small_normal, xavier_uniform, xavier_normal, he_normal, he_uniform</source>
        <translation>权重初始化方法，可选 zeros、small_normal、xavier_uniform、xavier_normal、he_normal、he_uniform</translation>
    </message>
    <message>
        <source>the learning rate, a number in (0, 1000], e.g. lr=0.03,3</source>
        <translation>学习率，(0, 1000] 内的数，例如 lr=0.03,3</translation>
    </message>
    <message>
        <source>the optimizer, one of sgd, momentum, rmsprop, adam</source>
        <translation>优化器，可选 sgd、momentum、rmsprop、adam</translation>
    </message>
    <message>
        <source>hidden layer widths, runs separated by /, e.g. hidden=8,8/4 or hidden=8x8/4/none</source>
        <translation>各隐藏层的宽度，运行之间用 / 分隔，例如 hidden=8,8/4 或 hidden=8x8/4/none</translation>
    </message>
    <message>
        <source>input features, runs separated by /, e.g. features=x1,x2/x1,x2,x1x2</source>
        <translation>输入特征，运行之间用 / 分隔，例如 features=x1,x2/x1,x2,x1x2</translation>
    </message>
    <message>
        <source>the L1 penalty rate, 0 or more</source>
        <translation>L1 惩罚率，0 或更大</translation>
    </message>
    <message>
        <source>the L2 penalty rate, 0 or more</source>
        <translation>L2 惩罚率，0 或更大</translation>
    </message>
    <message>
        <source>the mini-batch size, 1 or more</source>
        <translation>小批量的大小，1 或更大</translation>
    </message>
    <message>
        <source>the seed of the weights and the mini-batch shuffle, 0 or more (the data keep theirs)</source>
        <translation>权重和小批量打乱顺序所用的种子，0 或更大（数据保留自己的种子）</translation>
    </message>
    <message>
        <source>the momentum coefficient in [0, 1), for the momentum optimizer</source>
        <translation>动量系数，取值 [0, 1)，用于 momentum 优化器</translation>
    </message>
    <message>
        <source>the initial value of every bias, a number</source>
        <translation>每个偏置的初始值，一个数</translation>
    </message>
</context>
<context>
    <name>formulas</name>
    <message>
        <source>For two classes, y ∈ {0, 1}: the output is the probability of class 1.</source>
        <translation>用于两个类别，y ∈ {0, 1}：输出是类别 1 的概率。</translation>
    </message>
    <message>
        <source>For several classes; y is 1 for the point&apos;s class and 0 for the others.</source>
        <translation>用于多个类别；y 在该点所属类别处为 1，其余为 0。</translation>
    </message>
    <message>
        <source>For regression: the output is the number itself.</source>
        <translation>用于回归：输出就是所预测的数值本身。</translation>
    </message>
    <message>
        <source>TensorFlow Playground&apos;s head: classes 0 and 1 become the targets −1 and +1.</source>
        <translation>TensorFlow Playground 的输出头：类别 0 和 1 分别变成目标值 −1 和 +1。</translation>
    </message>
    <message>
        <source>The velocity v keeps a share μ of the last step; Nesterov&apos;s variant takes the gradient a step ahead.</source>
        <translation>速度 v 保留上一步的 μ 倍；Nesterov 变体在前方一步处计算梯度。</translation>
    </message>
    <message>
        <source>Each weight&apos;s step is divided by the root of its mean square gradient.</source>
        <translation>每个权重的步长都除以其梯度均方的平方根。</translation>
    </message>
    <message>
        <source>Mean m and mean square v of the gradient, with both bias corrections folded into the step size.</source>
        <translation>m 和 v 分别是梯度的均值和均方，两个偏差修正都并入了步长。</translation>
    </message>
    <message>
        <source>η is the learning rate: plain gradient descent moves every weight η times its gradient; the other optimizers shape the step but keep η as its scale.</source>
        <translation>η 是学习率：普通梯度下降让每个权重移动其梯度的 η 倍；其他优化器会调整步长的形式，但仍以 η 作为尺度。</translation>
    </message>
    <message>
        <source>The gradient is the mean over the B points of a mini-batch. The training points are shuffled every epoch, which takes ⌈n / B⌉ steps (the last batch may be smaller).</source>
        <translation>梯度是一个小批量中 B 个点的平均值。每轮训练前打乱训练点，一轮共 ⌈n / B⌉ 步（最后一批可能较小）。</translation>
    </message>
    <message>
        <source>Added to the batch&apos;s mean loss, over the weights only.</source>
        <translation>加到该批的平均损失上，只作用于权重。</translation>
    </message>
    <message>
        <source>Added to the batch&apos;s mean loss, over the weights only; with the ½ the gradient is λ₂·w (weight decay).</source>
        <translation>加到该批的平均损失上，只作用于权重；有了 ½，梯度就是 λ₂·w（权重衰减）。</translation>
    </message>
    <message>
        <source>Every bias starts at this value; the weights are drawn.</source>
        <translation>每个偏置都从这个值开始；权重则随机抽取。</translation>
    </message>
    <message>
        <source>Each layer&apos;s weights, drawn once.</source>
        <translation>每一层的权重，只抽取一次。</translation>
    </message>
    <message>
        <source>Every hidden layer, first to last.</source>
        <translation>每个隐藏层，从第一层到最后一层。</translation>
    </message>
    <message>
        <source>Each feature is standardised over the points when the network is made.</source>
        <translation>创建网络时，每个特征都会在数据点上做标准化。</translation>
    </message>
    <message>
        <source>Moves every point at random; r depends on the preset (its tooltip says how).</source>
        <translation>随机移动每个点；r 取决于预设（预设的提示里有说明）。</translation>
    </message>
    <message>
        <source>The points held out of training; the test loss is measured on them.</source>
        <translation>不参与训练的点；测试损失在它们上面计算。</translation>
    </message>
    <message>
        <source>a weight</source>
        <translation>一个权重</translation>
    </message>
    <message>
        <source>the gradient ∂L/∂w of the batch</source>
        <translation>该批的梯度 ∂L/∂w</translation>
    </message>
    <message>
        <source>the learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>the momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <source>the velocity, or Adam&apos;s mean square gradient</source>
        <translation>速度，或 Adam 中梯度的均方</translation>
    </message>
    <message>
        <source>the mean square gradient</source>
        <translation>梯度的均方</translation>
    </message>
    <message>
        <source>the mean gradient</source>
        <translation>梯度的均值</translation>
    </message>
    <message>
        <source>the step count</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>the decay rate of the mean square</source>
        <translation>均方的衰减率</translation>
    </message>
    <message>
        <source>the decay rate of the mean gradient</source>
        <translation>梯度均值的衰减率</translation>
    </message>
    <message>
        <source>the decay rate of the mean square gradient</source>
        <translation>梯度均方的衰减率</translation>
    </message>
    <message>
        <source>a small number that keeps the division finite</source>
        <translation>一个很小的数，防止除以零</translation>
    </message>
    <message>
        <source>the L1 rate</source>
        <translation>L1 正则化率</translation>
    </message>
    <message>
        <source>the L2 rate</source>
        <translation>L2 正则化率</translation>
    </message>
    <message>
        <source>the batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>the number of points</source>
        <translation>点的个数</translation>
    </message>
    <message>
        <source>a unit&apos;s pre-activation</source>
        <translation>一个单元的预激活值</translation>
    </message>
    <message>
        <source>its activation f(z)</source>
        <translation>它的激活值 f(z)</translation>
    </message>
    <message>
        <source>the network&apos;s output</source>
        <translation>网络的输出</translation>
    </message>
    <message>
        <source>the target</source>
        <translation>目标值</translation>
    </message>
</context>
<context>
    <name>options</name>
    <message>
        <source>sgd</source>
        <translation>SGD</translation>
    </message>
    <message>
        <source>momentum</source>
        <translation>Momentum（动量）</translation>
    </message>
    <message>
        <source>rmsprop</source>
        <translation>RMSprop</translation>
    </message>
    <message>
        <source>adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>zeros</source>
        <translation>全零</translation>
    </message>
    <message>
        <source>small normal</source>
        <translation>小正态分布</translation>
    </message>
    <message>
        <source>xavier uniform</source>
        <translation>Xavier 均匀分布</translation>
    </message>
    <message>
        <source>xavier normal</source>
        <translation>Xavier 正态分布</translation>
    </message>
    <message>
        <source>he normal</source>
        <translation>He 正态分布</translation>
    </message>
    <message>
        <source>he uniform</source>
        <translation>He 均匀分布</translation>
    </message>
    <message>
        <source>binary cross entropy</source>
        <translation>二元交叉熵</translation>
    </message>
    <message>
        <source>cross entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <source>mse</source>
        <translation>均方误差</translation>
    </message>
    <message>
        <source>tanh mse</source>
        <translation>tanh 均方误差</translation>
    </message>
</context>
<context>
    <name>presets</name>
    <message>
        <source>Circle</source>
        <translation>圆形</translation>
    </message>
    <message>
        <source>Class 1: disc of radius 2.5; class 0: ring 3.5..5. Noise jitters by ±5·noise.</source>
        <translation>类别 1：半径 2.5 的圆盘；类别 0：半径 3.5 到 5 的圆环。噪声使点抖动 ±5·噪声。</translation>
    </message>
    <message>
        <source>Xor</source>
        <translation>异或</translation>
    </message>
    <message>
        <source>Class 1 where x1·x2 &gt; 0; |xi| in 0.3..5.3. Noise jitters by ±5·noise.</source>
        <translation>在 x1·x2 &gt; 0 处为类别 1；|xi| 在 0.3 到 5.3 之间。噪声使点抖动 ±5·噪声。</translation>
    </message>
    <message>
        <source>Gaussian</source>
        <translation>高斯</translation>
    </message>
    <message>
        <source>Blobs at (2, 2) (class 1) and (-2, -2); variance 0.5 + 7·noise (4 at noise 0.5).</source>
        <translation>以 (2, 2)（类别 1）和 (-2, -2) 为中心的点团；方差为 0.5 + 7·噪声（噪声 0.5 时为 4）。</translation>
    </message>
    <message>
        <source>Spiral</source>
        <translation>螺旋</translation>
    </message>
    <message>
        <source>One class per arm, 1.75 turns out to radius 5. Noise jitters by ±noise.</source>
        <translation>每条旋臂一个类别，绕 1.75 圈到半径 5。噪声使点抖动 ±噪声。</translation>
    </message>
    <message>
        <source>Arms</source>
        <translation>旋臂数</translation>
    </message>
    <message>
        <source>Moons</source>
        <translation>双月</translation>
    </message>
    <message>
        <source>scikit-learn&apos;s two moons (class 0 on top), centred and scaled by 3. Noise adds Gaussian jitter of standard deviation 1.5·noise.</source>
        <translation>scikit-learn 的双月数据（类别 0 在上），居中并放大 3 倍。噪声加入标准差为 1.5·噪声的高斯抖动。</translation>
    </message>
    <message>
        <source>Checkerboard</source>
        <translation>棋盘</translation>
    </message>
    <message>
        <source>4x4 board of 3x3 cells over [-6, 6]^2, 0.15 margins. Noise jitters by ±3·noise.</source>
        <translation>[-6, 6]² 上的 4×4 棋盘，每格 3×3，边距 0.15。噪声使点抖动 ±3·噪声。</translation>
    </message>
    <message>
        <source>Plane</source>
        <translation>平面</translation>
    </message>
    <message>
        <source>Target (x1 + x2) / 10 on [-6, 6]^2; noise shifts where it is read by ±6·noise.</source>
        <translation>在 [-6, 6]² 上的目标值 (x1 + x2) / 10；噪声把取值位置平移 ±6·噪声。</translation>
    </message>
    <message>
        <source>Multi gaussian</source>
        <translation>多高斯</translation>
    </message>
    <message>
        <source>Six ±1 cones of radius 2 (the strongest wins); noise shifts reads by ±6·noise.</source>
        <translation>六个半径为 2、值为 ±1 的锥（取最强者）；噪声把取值位置平移 ±6·噪声。</translation>
    </message>
</context>
<context>
    <name>settings</name>
    <message>
        <source>The inputs computed from each point (x1, x2, x1², sin x1, ...).</source>
        <translation>由每个点计算出的输入（x1、x2、x1²、sin x1 等）。</translation>
    </message>
    <message>
        <source>Units in each hidden layer, first to last (none for a linear model).</source>
        <translation>每个隐藏层的单元数，从第一层到最后一层（线性模型没有隐藏层）。</translation>
    </message>
    <message>
        <source>The function each hidden layer applies, one per layer.</source>
        <translation>每个隐藏层所用的函数，每层一个。</translation>
    </message>
    <message>
        <source>What the network predicts: two classes, up to eight, or a number.</source>
        <translation>网络预测什么：两个类别、最多八个类别，或一个数值。</translation>
    </message>
    <message>
        <source>Classes the output layer tells apart (2 for binary; ignored for regression).</source>
        <translation>输出层要区分的类别数（二分类为 2；回归时忽略）。</translation>
    </message>
    <message>
        <source>What training minimises; it fixes the output activation.</source>
        <translation>训练要最小化的量；它决定了输出层的激活函数。</translation>
    </message>
    <message>
        <source>How the first weights are drawn.</source>
        <translation>初始权重如何抽取。</translation>
    </message>
    <message>
        <source>The value every bias starts from.</source>
        <translation>每个偏置的初始值。</translation>
    </message>
    <message>
        <source>Seed of the first weights and of the mini-batch order.</source>
        <translation>初始权重和小批量顺序所用的种子。</translation>
    </message>
    <message>
        <source>How gradients become weight changes.</source>
        <translation>如何把梯度变成权重的更新。</translation>
    </message>
    <message>
        <source>Step size of each weight change.</source>
        <translation>每次权重更新的步长。</translation>
    </message>
    <message>
        <source>Points per weight change (at most the training points).</source>
        <translation>每次权重更新所用的点数（最多为训练点数）。</translation>
    </message>
    <message>
        <source>Pulls every weight towards zero by a constant amount (not the biases).</source>
        <translation>把每个权重按固定量拉向零（不含偏置）。</translation>
    </message>
    <message>
        <source>Shrinks every weight in proportion to its size (not the biases).</source>
        <translation>按每个权重的大小成比例地缩小它（不含偏置）。</translation>
    </message>
    <message>
        <source>Share of the last step kept in the next (momentum optimizer).</source>
        <translation>上一步保留到下一步的比例（momentum 优化器）。</translation>
    </message>
    <message>
        <source>Nesterov&apos;s variant of momentum: the gradient is taken a step ahead.</source>
        <translation>Nesterov 动量：在前方一步处计算梯度。</translation>
    </message>
</context>
<context>
    <name>tooltips</name>
    <message>
        <source>Follows the task of the data:</source>
        <extracomment>The colour of the symbols&apos; legend. Symbols a setting&apos;s legend may explain (single Latin letters are too common to find).</extracomment>
        <translation>随数据的任务而定：</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>No penalty: only the data loss is minimised.</source>
        <translation>无惩罚：只最小化数据损失。</translation>
    </message>
    <message>
        <source>A penalty on large weights, added to the loss: none, L1 or L2.</source>
        <translation>对大权重的惩罚，加到损失上：无、L1 或 L2。</translation>
    </message>
    <message>
        <source>The penalty rate: λ₁ for L1, λ₂ for L2 (type any value).</source>
        <translation>惩罚率：L1 为 λ₁，L2 为 λ₂（可输入任意值）。</translation>
    </message>
    <message>
        <source>Type any value, e.g. 0.005 or 2e-4.</source>
        <translation>可输入任意值，例如 0.005 或 2e-4。</translation>
    </message>
    <message>
        <source>An option of this preset: {option}.</source>
        <translation>此预设的一个选项：{option}。</translation>
    </message>
    <message>
        <source>The generator of the data; each item says what it draws.</source>
        <translation>数据的生成器；每一项都说明它生成什么。</translation>
    </message>
    <message>
        <source>How many points the generator draws.</source>
        <translation>生成器生成的点数。</translation>
    </message>
    <message>
        <source>How far every point is moved at random (0–100 %).</source>
        <translation>每个点被随机移动的程度（0–100 %）。</translation>
    </message>
    <message>
        <source>Seed of the data&apos;s random numbers: the same seed, the same points.</source>
        <translation>数据随机数的种子：种子相同，点就相同。</translation>
    </message>
    <message>
        <source>Draw a new data set from the preset</source>
        <translation>用预设生成一个新的数据集</translation>
    </message>
    <message>
        <source>The class (or, for regression, the value) the brush paints</source>
        <translation>画笔绘制的类别（回归时为数值）</translation>
    </message>
    <message>
        <source>What a left drag on the data does</source>
        <translation>在数据上左键拖动的作用</translation>
    </message>
    <message>
        <source>Left-drag adds points (right-drag always erases)</source>
        <translation>左键拖动添加点（右键拖动总是擦除）</translation>
    </message>
    <message>
        <source>Left-drag removes points</source>
        <translation>左键拖动移除点</translation>
    </message>
    <message>
        <source>Radius of the brush, in data units</source>
        <translation>画笔半径，以数据单位计</translation>
    </message>
    <message>
        <source>Points the brush adds per dab</source>
        <translation>画笔每次点按添加的点数</translation>
    </message>
    <message>
        <source>Remove every point (undoable)</source>
        <translation>移除所有点（可撤销）</translation>
    </message>
    <message>
        <source>Share of the points held out as the test set.</source>
        <translation>留作测试集的点所占的比例。</translation>
    </message>
    <message>
        <source>What the network predicts: Auto follows the data; binary and multiclass tell classes apart, regression predicts a number.</source>
        <translation>网络预测什么：自动表示随数据而定；二分类和多分类区分类别，回归预测一个数值。</translation>
    </message>
    <message>
        <source>Show the test points (rings) on the canvas</source>
        <translation>在画布上显示测试点（圆环）</translation>
    </message>
    <message>
        <source>Show hard class regions instead of shaded confidence (ŷ ≥ ½ or argmax ŷ)</source>
        <translation>显示硬性的类别区域，而不是按置信度着色（ŷ ≥ ½ 或 argmax ŷ）</translation>
    </message>
    <message>
        <source>Points of the data: training set and test set</source>
        <translation>数据中的点：训练集和测试集</translation>
    </message>
</context>
<context>
    <name>views</name>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Gradients</source>
        <translation>梯度</translation>
    </message>
    <message>
        <source>Compared Runs</source>
        <translation>比较的运行</translation>
    </message>
    <message>
        <source>Comparison</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>Activation Gallery</source>
        <translation>激活函数图库</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Backprop Inspector</source>
        <translation>反向传播检查器</translation>
    </message>
    <message>
        <source>Gradient Lens</source>
        <translation>梯度透镜</translation>
    </message>
    <message>
        <source>Activation Lens</source>
        <translation>激活透镜</translation>
    </message>
    <message>
        <source>Hidden Space</source>
        <translation>隐藏空间</translation>
    </message>
</context>
</TS>
