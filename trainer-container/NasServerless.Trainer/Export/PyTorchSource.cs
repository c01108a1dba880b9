using System.Globalization;
using System.Text;
using NasServerless.Search.Spaces.LayerList;

namespace NasServerless.Trainer.Export;

/// <summary>
/// A self-contained PyTorch module file (<c>model.py</c>, needs only <c>torch</c>) that rebuilds a layer-list network
/// with the same module names as <see cref="Models.LayerListNetwork"/> — <c>layers.layer00_conv.conv.weight</c>, … — so
/// its <c>load()</c> takes the exported <c>model.safetensors</c> with a strict <c>load_state_dict</c>. It also carries
/// the input normalisation the network was trained with.
/// </summary>
public static class PyTorchSource
{
    /// <param name="genome">The network's genome.</param>
    /// <param name="analysis">Its (valid) analysis for the input it was built for (<see cref="Models.LayerListNetwork.Analysis"/>).</param>
    /// <param name="mean">Per-channel mean of pixels scaled to [0, 1], as in training.</param>
    /// <param name="std">Per-channel standard deviation, likewise.</param>
    /// <param name="classes">Output classes.</param>
    /// <param name="description">One line for the docstring (candidate, dataset, accuracy).</param>
    public static string Generate(LayerListGenome genome, GenomeAnalysis analysis, IReadOnlyList<float> mean, IReadOnlyList<float> std, int classes, string description)
    {
        if (!analysis.IsValid) throw new ArgumentException("the genome's analysis has errors: " + string.Join("; ", analysis.Errors), nameof(analysis));
        var input = analysis.Input;
        if (mean.Count != input.Channels || std.Count != input.Channels) throw new ArgumentException($"normalisation has {mean.Count} means and {std.Count} deviations for {input.Channels} channels");
        var code = new StringBuilder();
        code.Append($$""""
            """NasServerless export: {{description.Replace("\"\"\"", "'''", StringComparison.Ordinal)}}

            Input: float tensors [N, {{input.Channels}}, {{input.Height}}, {{input.Width}}] normalised as in training; normalise(images)
            does it for uint8 images. Output: [N, {{classes}}] logits.

                import model
                net = model.load()                       # model.safetensors beside this file, eval mode
                predictions = net(model.normalise(images)).argmax(1)

            Generated from the genome in genome.json; module names match the safetensors keys.
            """
            from collections import OrderedDict
            import json
            import os
            import struct

            import torch
            from torch import nn

            MEAN = ({{Floats(mean)}})
            STD = ({{Floats(std)}})
            INPUT_SHAPE = ({{input.Channels}}, {{input.Height}}, {{input.Width}})
            CLASSES = {{classes}}


            def conv_unit(in_channels, out_channels, kernel, stride, activation, batch_norm):
                parts = [("conv", nn.Conv2d(in_channels, out_channels, kernel, stride=stride, padding=kernel // 2, bias=not batch_norm))]
                if batch_norm:
                    parts.append(("bn", nn.BatchNorm2d(out_channels)))
                parts.append(("act", activation()))
                return nn.Sequential(OrderedDict(parts))


            class Inception(nn.Module):
                def __init__(self, in_channels, b1, r3, b3, r5, b5, pool_projection, activation, batch_norm):
                    super().__init__()
                    self.branch1x1 = conv_unit(in_channels, b1, 1, 1, activation, batch_norm)
                    self.branch3x3 = nn.Sequential(OrderedDict([
                        ("reduce", conv_unit(in_channels, r3, 1, 1, activation, batch_norm)),
                        ("conv", conv_unit(r3, b3, 3, 1, activation, batch_norm))]))
                    self.branch5x5 = nn.Sequential(OrderedDict([
                        ("reduce", conv_unit(in_channels, r5, 1, 1, activation, batch_norm)),
                        ("conv", conv_unit(r5, b5, 5, 1, activation, batch_norm))]))
                    self.branchPool = nn.Sequential(OrderedDict([
                        ("pool", nn.MaxPool2d(3, stride=1, padding=1)),
                        ("projection", conv_unit(in_channels, pool_projection, 1, 1, activation, batch_norm))]))

                def forward(self, x):
                    return torch.cat([self.branch1x1(x), self.branch3x3(x), self.branch5x5(x), self.branchPool(x)], 1)


            class Network(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.layers = nn.Sequential(OrderedDict([

            """");
        var shape = input;
        for (var i = 0; i < genome.Layers.Count; i++)
        {
            var gene = genome.Layers[i];
            var name = $"layer{i:D2}_{LayerListAnalyzer.KindName(gene.Kind).Replace('-', '_')}";
            code.Append(CultureInfo.InvariantCulture, $"            (\"{name}\", {Block(gene, shape)}),\n");
            shape = analysis.Layers[i].Output;
        }
        code.Append(CultureInfo.InvariantCulture, $"            (\"classifier\", nn.Sequential(OrderedDict([(\"flatten\", nn.Flatten()), (\"linear\", nn.Linear({shape.Elements}, {classes}))]))),\n");
        code.Append(""""
                    ]))

                def forward(self, x):
                    return self.layers(x)


            def normalise(images):
                """uint8 images [N, C, H, W] (or [N, H, W] for one channel) -> the float input the network was trained on."""
                x = images.float() / 255.0
                if x.dim() == 3:
                    x = x.unsqueeze(1)
                mean = torch.tensor(MEAN, dtype=x.dtype, device=x.device).view(1, -1, 1, 1)
                std = torch.tensor(STD, dtype=x.dtype, device=x.device).view(1, -1, 1, 1)
                return (x - mean) / std


            _DTYPES = {"F32": torch.float32, "F64": torch.float64, "F16": torch.float16, "BF16": torch.bfloat16,
                       "I64": torch.int64, "I32": torch.int32, "I16": torch.int16, "I8": torch.int8, "U8": torch.uint8, "BOOL": torch.bool}


            def read_safetensors(path):
                """The tensors of a safetensors file, without the safetensors package."""
                with open(path, "rb") as f:
                    (length,) = struct.unpack("<Q", f.read(8))
                    header = json.loads(f.read(length))
                    data = f.read()
                tensors = {}
                for name, entry in header.items():
                    if name == "__metadata__":
                        continue
                    begin, end = entry["data_offsets"]
                    dtype = _DTYPES[entry["dtype"]]
                    raw = bytearray(data[begin:end])
                    tensor = torch.frombuffer(raw, dtype=dtype) if raw else torch.empty(0, dtype=dtype)
                    tensors[name] = tensor.reshape(entry["shape"]).clone()
                return tensors


            def load(path=None, device="cpu"):
                """The trained network in eval mode; path defaults to model.safetensors beside this file."""
                path = path or os.path.join(os.path.dirname(os.path.abspath(__file__)), "model.safetensors")
                net = Network()
                net.load_state_dict(read_safetensors(path), strict=True)
                return net.to(device).eval()

            """");
        return code.ToString();
    }

    private static string Block(LayerGene gene, TensorShape input) => gene switch
    {
        ConvolutionGene c => Invariant($"conv_unit({input.Channels}, {c.Filters}, {c.Kernel}, {c.Stride}, {Activation(c.Activation)}, {Bool(c.BatchNorm)})"),
        InceptionGene b => Invariant($"Inception({input.Channels}, {b.Branch1x1}, {b.Reduce3x3}, {b.Branch3x3}, {b.Reduce5x5}, {b.Branch5x5}, {b.PoolProjection}, {Activation(b.Activation)}, {Bool(b.BatchNorm)})"),
        PoolingGene { Pooling: PoolingKind.Max } p => Invariant($"nn.MaxPool2d({p.Size}, stride={p.Stride})"),
        PoolingGene { Pooling: PoolingKind.Average } p => Invariant($"nn.AvgPool2d({p.Size}, stride={p.Stride})"),
        DropoutGene d => Invariant($"nn.Dropout({d.Rate.ToString("R", CultureInfo.InvariantCulture)})"),
        GlobalAveragePoolingGene => "nn.Sequential(OrderedDict([(\"pool\", nn.AdaptiveAvgPool2d(1)), (\"flatten\", nn.Flatten())]))",
        DenseGene d => Invariant($"nn.Sequential(OrderedDict([(\"flatten\", nn.Flatten()), (\"linear\", nn.Linear({input.Elements}, {d.Units})), (\"act\", {Activation(d.Activation)}())]))"),
        _ => throw new NotSupportedException($"no PyTorch block for gene type {gene.GetType().Name}"),
    };

    /// <summary>The PyTorch module class of an activation, with the arguments <see cref="Models.ActivationFactory"/> uses.</summary>
    private static string Activation(Activation activation) => activation switch
    {
        Search.Spaces.LayerList.Activation.Relu => "nn.ReLU",
        Search.Spaces.LayerList.Activation.Elu => "nn.ELU",
        Search.Spaces.LayerList.Activation.LeakyRelu => "(lambda: nn.LeakyReLU(0.01))",
        Search.Spaces.LayerList.Activation.Gelu => "nn.GELU",
        _ => throw new NotSupportedException($"activation '{activation}' has no PyTorch module"),
    };

    private static string Bool(bool value) => value ? "True" : "False";

    private static string Floats(IReadOnlyList<float> values) =>
        string.Join(", ", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + (values.Count == 1 ? "," : "");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
