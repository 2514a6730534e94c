// Where the bytes of a NativeAOT exe are: reads the .mstat file ILC writes when published with
// -p:IlcGenerateMstatFile=true and prints the compiled code (method bodies with their GC and EH
// info) and type structures (MethodTables) per assembly and per namespace, plus the named blobs
// (metadata, frozen objects, tables). A measurement aid for tests/bench/agent-size.sh.
//
// The .mstat is an ECMA-335 assembly whose <Module> type carries three methods whose IL is the
// data: "Types" is `ldtoken T; ldc.i4 size` (+ `ldc.i4 node` from format 2.x), "Methods" is
// `ldtoken M; ldc.i4 size; ldc.i4 gcInfo; ldc.i4 ehInfo` (+ `ldc.i4 node`), "Blobs" is
// `ldstr name; ldc.i4 size`. Each method ends in `ret`.
//
// Usage: dotnet run tests/bench/mstat-sizes.cs -- FILE.mstat [TOP_NAMESPACES]
//        dotnet run tests/bench/mstat-sizes.cs -- BEFORE.mstat AFTER.mstat   (what a change moved)
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

if (args.Length is < 1 or > 2)
{
    Console.Error.WriteLine("usage: mstat-sizes FILE.mstat [TOP_NAMESPACES] | mstat-sizes BEFORE.mstat AFTER.mstat");
    return 2;
}
if (args.Length == 2 && args[1].EndsWith(".mstat", StringComparison.Ordinal))
{
    PrintDifference(Mstat.Read(args[0]), Mstat.Read(args[1]));
    return 0;
}
Print(Mstat.Read(args[0]), args.Length == 2 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 40);
return 0;

static void Print(Mstat m, int top)
{
    Console.WriteLine($"{"assembly",-48} {"code",10} {"types",9} {"total",10}");
    foreach (var (name, (code, types)) in m.ByAssembly.OrderByDescending(p => p.Value.Code + p.Value.Types))
    {
        Console.WriteLine($"{name,-48} {code,10:N0} {types,9:N0} {code + types,10:N0}");
    }
    long totalCode = m.ByAssembly.Values.Sum(v => v.Code), totalTypes = m.ByAssembly.Values.Sum(v => v.Types);
    Console.WriteLine($"{"(all)",-48} {totalCode,10:N0} {totalTypes,9:N0} {totalCode + totalTypes,10:N0}");
    Console.WriteLine();
    Console.WriteLine($"{"assembly namespace (code + types)",-80} {"bytes",10}");
    foreach (var (name, size) in m.ByNamespace.OrderByDescending(p => p.Value).Take(top))
    {
        Console.WriteLine($"{name,-80} {size,10:N0}");
    }
    Console.WriteLine();
    Console.WriteLine($"{"blob",-48} {"bytes",10}");
    foreach (var (name, size) in m.Blobs.OrderByDescending(b => b.Value).Take(15))
    {
        Console.WriteLine($"{name,-48} {size,10:N0}");
    }
    Console.WriteLine($"{"(all blobs)",-48} {m.Blobs.Values.Sum(),10:N0}");
}

// Where a change moved bytes: every namespace and blob whose size changed by 1 KB or more.
static void PrintDifference(Mstat before, Mstat after)
{
    static long Total(Mstat m) => m.ByAssembly.Values.Sum(v => v.Code + v.Types) + m.Blobs.Values.Sum();
    Console.WriteLine($"{"assembly namespace or blob",-80} {"change",10}");
    var rows = Changes(before.ByNamespace, after.ByNamespace).Concat(Changes(before.Blobs, after.Blobs).Select(c => ("blob " + c.Name, c.Change)));
    foreach (var (name, change) in rows.Where(r => Math.Abs(r.Change) >= 1024).OrderBy(r => r.Change))
    {
        Console.WriteLine($"{name,-80} {change,10:+#,0;-#,0}");
    }
    Console.WriteLine($"{"(code, types and blobs)",-80} {Total(after) - Total(before),10:+#,0;-#,0;0}");
}

static IEnumerable<(string Name, long Change)> Changes(Dictionary<string, long> before, Dictionary<string, long> after) =>
    before.Keys.Union(after.Keys).Select(k => (k, after.GetValueOrDefault(k) - before.GetValueOrDefault(k)));

/// <summary>The sizes one .mstat records, charged per assembly and namespace.</summary>
internal sealed class Mstat
{
    public Dictionary<string, (long Code, long Types)> ByAssembly { get; } = [];
    public Dictionary<string, long> ByNamespace { get; } = [];
    public Dictionary<string, long> Blobs { get; } = [];

    public static Mstat Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        int major = md.GetAssemblyDefinition().Version.Major;
        var owners = new Owners(md);
        var result = new Mstat();
        foreach (var handle in md.GetTypeDefinition(MetadataTokens.TypeDefinitionHandle(1)).GetMethods())
        {
            var method = md.GetMethodDefinition(handle);
            var operands = Il.Operands(pe.GetMethodBody(method.RelativeVirtualAddress).GetILReader());
            switch (md.GetString(method.Name))
            {
                case "Types":
                    int typeEntry = major == 1 ? 2 : 3;
                    for (int i = 0; i + typeEntry <= operands.Count; i += typeEntry)
                    {
                        result.Add(owners.OfType(MetadataTokens.EntityHandle(operands[i])), 0, operands[i + 1]);
                    }
                    break;
                case "Methods":
                    int methodEntry = major == 1 ? 4 : 5;
                    for (int i = 0; i + methodEntry <= operands.Count; i += methodEntry)
                    {
                        result.Add(owners.OfMethod(MetadataTokens.EntityHandle(operands[i])), operands[i + 1] + operands[i + 2] + operands[i + 3], 0);
                    }
                    break;
                case "Blobs":
                    for (int i = 0; i + 2 <= operands.Count; i += 2)
                    {
                        string name = md.GetUserString(MetadataTokens.UserStringHandle(operands[i]));
                        result.Blobs[name] = result.Blobs.GetValueOrDefault(name) + operands[i + 1];
                    }
                    break;
            }
        }
        return result;
    }

    private void Add(Owner owner, long code, long types)
    {
        var (c, t) = ByAssembly.GetValueOrDefault(owner.Assembly);
        ByAssembly[owner.Assembly] = (c + code, t + types);
        string key = owner.Assembly + " " + owner.Namespace;
        ByNamespace[key] = ByNamespace.GetValueOrDefault(key) + code + types;
    }
}

/// <summary>The assembly and namespace a type or method is charged to.</summary>
internal readonly record struct Owner(string Assembly, string Namespace);

/// <summary>Charges a type or method reference of the mstat to the assembly that defines it:
/// an instantiation is charged to its generic definition, an array or pointer to its element.</summary>
internal sealed class Owners(MetadataReader md)
{
    private static readonly Owner CoreLib = new("System.Private.CoreLib", "System");

    public Owner OfMethod(EntityHandle handle) => handle.Kind switch
    {
        HandleKind.MethodSpecification => OfMethod(md.GetMethodSpecification((MethodSpecificationHandle)handle).Method),
        HandleKind.MemberReference => OfType(md.GetMemberReference((MemberReferenceHandle)handle).Parent),
        _ => new Owner("(" + handle.Kind + ")", ""),
    };

    public Owner OfType(EntityHandle handle) => handle.Kind switch
    {
        HandleKind.TypeReference => OfTypeReference((TypeReferenceHandle)handle),
        HandleKind.TypeSpecification => OfSignature(md.GetBlobReader(md.GetTypeSpecification((TypeSpecificationHandle)handle).Signature)),
        _ => new Owner("(" + handle.Kind + ")", ""),
    };

    private Owner OfTypeReference(TypeReferenceHandle handle)
    {
        var type = md.GetTypeReference(handle);
        while (type.ResolutionScope.Kind == HandleKind.TypeReference)
        {
            type = md.GetTypeReference((TypeReferenceHandle)type.ResolutionScope);
        }
        string assembly = type.ResolutionScope.Kind == HandleKind.AssemblyReference
            ? md.GetString(md.GetAssemblyReference((AssemblyReferenceHandle)type.ResolutionScope).Name)
            : "(" + type.ResolutionScope.Kind + ")";
        return new Owner(assembly, md.GetString(type.Namespace));
    }

    // ECMA-335 II.23.2.12: skip the wrappers down to the type that owns the code.
    private Owner OfSignature(BlobReader blob)
    {
        while (true)
        {
            var code = (SignatureTypeCode)blob.ReadByte();
            switch (code)
            {
                case SignatureTypeCode.GenericTypeInstance:
                case SignatureTypeCode.SZArray:
                case SignatureTypeCode.Array:
                case SignatureTypeCode.Pointer:
                case SignatureTypeCode.ByReference:
                case SignatureTypeCode.Pinned:
                    continue;
                case (SignatureTypeCode)0x11: // ELEMENT_TYPE_VALUETYPE
                case (SignatureTypeCode)0x12: // ELEMENT_TYPE_CLASS
                    return OfType(blob.ReadTypeHandle());
                default:
                    return CoreLib;
            }
        }
    }
}

/// <summary>The operands of the few opcodes the mstat's IL uses, in order (ECMA-335 III).</summary>
internal static class Il
{
    public static List<int> Operands(BlobReader il)
    {
        var operands = new List<int>();
        while (il.RemainingBytes > 0)
        {
            byte op = il.ReadByte();
            switch (op)
            {
                case 0xD0: // ldtoken
                case 0x72: // ldstr
                case 0x20: // ldc.i4
                    operands.Add(il.ReadInt32());
                    break;
                case 0x1F: // ldc.i4.s
                    operands.Add(il.ReadSByte());
                    break;
                case >= 0x15 and <= 0x1E: // ldc.i4.m1 .. ldc.i4.8
                    operands.Add(op - 0x16);
                    break;
                case 0x26: // pop
                case 0x2A: // ret
                case 0x00: // nop
                    break;
                default:
                    throw new InvalidDataException($"mstat IL: unexpected opcode 0x{op:X2} at offset {il.Offset - 1}");
            }
        }
        return operands;
    }
}
