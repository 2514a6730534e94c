namespace Firmware.Rootfs.Tree;

/// <summary>One name in a walk of the tree.</summary>
/// <param name="Path">Absolute path, "/" for the root.</param>
/// <param name="Node">The inode this name refers to.</param>
/// <param name="HardLinkOf">For the second and later names of the same inode, the first name's path.</param>
public sealed record TreeEntry(string Path, TreeNode Node, string? HardLinkOf);
