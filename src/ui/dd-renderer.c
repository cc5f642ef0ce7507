/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-renderer"

#include "config.h"

#include <string.h>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <gtk/gtk.h>

/* GDK_WINDOWING_X11 comes with <gtk/gtk.h>. */
#if defined (DD_HAVE_X11) && defined (GDK_WINDOWING_X11)
#include <X11/Xlib.h>
#endif

#include "dd-renderer.h"

/**
 * dd_renderer_choose:
 *
 * Chooses GTK's cairo renderer when OpenGL can only be software; call it
 * before GTK starts, from main().
 *
 * On a virtual X server (Xvfb, a VNC or remote-desktop session) OpenGL is
 * Mesa's software rasteriser, llvmpipe: GTK's GL renderer then compiles its
 * shaders with LLVM on the CPU (about a second of start-up on the office's
 * 2-core machines) and keeps ~85 MiB for llvmpipe, to draw on the same CPU
 * no faster than cairo does. Such a server offers none of the extensions
 * through which a GL driver reaches a GPU (DRI3, DRI2, NVIDIA's NV-GLX):
 * asking for them is three replies from the server, where creating a GL
 * context to read its renderer would load llvmpipe, the cost being avoided.
 * LIBGL_ALWAYS_SOFTWARE says the same outright.
 *
 * Drawing with cairo, the window has no use for OpenGL; yet GDK 4.8 loads
 * the GL driver (llvmpipe and LLVM, ~60 MiB resident and a sixth of the
 * start-up) when it opens the display, unless GDK_DEBUG says "gl-disable"
 * (honoured by release builds of GTK 4.8; no widget of ours uses GL). It
 * is set too, unless the user set GDK_DEBUG.
 *
 * A GSK_RENDERER chosen by the user is kept, and then nothing is changed;
 * a Wayland session (GDK's first choice when it has one) and a desktop with
 * a GPU keep GTK's defaults. GTK reads both variables when it starts.
 */
void
dd_renderer_choose (void)
{
  const char *software = g_getenv ("LIBGL_ALWAYS_SOFTWARE");
  gboolean software_gl = software != NULL && *software != '\0' && g_strcmp0 (software, "0") != 0
                         && g_ascii_strcasecmp (software, "false") != 0;

  if (g_getenv ("GSK_RENDERER") != NULL)
    return;

#if defined (DD_HAVE_X11) && defined (GDK_WINDOWING_X11)
  if (!software_gl)
    {
      const char *backend = g_getenv ("GDK_BACKEND");
      const char *wayland = g_getenv ("WAYLAND_DISPLAY");
      Display *xdisplay;
      int opcode, event, error;

      if (backend != NULL && strstr (backend, "x11") == NULL && strcmp (backend, "*") != 0)
        return;
      if ((backend == NULL || strncmp (backend, "x11", 3) != 0) && wayland != NULL && *wayland != '\0')
        return;

      xdisplay = XOpenDisplay (NULL);
      if (xdisplay == NULL)
        return;
      software_gl = !XQueryExtension (xdisplay, "DRI3", &opcode, &event, &error)
                    && !XQueryExtension (xdisplay, "DRI2", &opcode, &event, &error)
                    && !XQueryExtension (xdisplay, "NV-GLX", &opcode, &event, &error);
      XCloseDisplay (xdisplay);
    }
#endif

  if (software_gl)
    {
      g_setenv ("GSK_RENDERER", "cairo", FALSE);
      g_setenv ("GDK_DEBUG", "gl-disable", FALSE);
    }
}

/**
 * dd_renderer_keep_frame_memory:
 *
 * Keeps the memory a frame's drawing frees for the next frame; call it
 * from main(), before any thread starts.
 *
 * Each frame GTK's cairo renderer (and Pango's layouts, and the list's
 * rows) allocates and frees a few large blocks: the image of the region
 * drawn alone is 4 MiB at 1366 × 768. With glibc's defaults a freed block
 * of that size goes back to the kernel (an mmap()ed block, or the heap's
 * top trimmed), and the next frame takes it again page by page: on the
 * office's virtual machines a third of the main thread's time in the
 * frame that first shows the task list went to those page faults and
 * their TLB flushes (perf, 100,000-task file). Blocks below 32 MiB now
 * come from the heap, which keeps up to 64 MiB free at its top and grows
 * by 16 MiB at a time: the task page's longest stretch without turning
 * went from 72-74 ms to 42-46 ms, the settled memory stayed the same
 * (bench-first-frame.py: 80 MiB, 99-103 MiB at the first opening after a
 * change). Other C libraries keep their own policy.
 */
void
dd_renderer_keep_frame_memory (void)
{
#ifdef __GLIBC__
  mallopt (M_MMAP_THRESHOLD, 32 * 1024 * 1024);
  mallopt (M_TRIM_THRESHOLD, 64 * 1024 * 1024);
  mallopt (M_TOP_PAD, 16 * 1024 * 1024);
#endif
}
