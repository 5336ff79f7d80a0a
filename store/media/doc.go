// Package media owns the places bundles travel through: finding the USB
// sticks mounted on this machine (drive letters on Windows, /media/$USER,
// /run/media/$USER and /mnt on Linux, /Volumes on macOS), the folder a
// stick keeps bundles in, listing the bundle files of a folder by their
// standard names (bundle.FileName) in import order, and making a stick's
// bundle folder. The screens call it from commands and never touch the
// operating system themselves.
//
// Invariants: USBRoots, FolderOptions and BundleFiles are pure functions
// of an FS and names, so they are tested for every system on any machine;
// only OSFS, MakeFolder, IsFolder and ListFolder touch the disk.
package media
