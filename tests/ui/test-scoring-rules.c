/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include <gtk/gtk.h>
int
main (int argc, char *argv[])
{
  return 77;
}
