/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dd-export"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <zlib.h>
#include <glib/gstdio.h>

#include "dd-export-private.h"

/*
 * The rows of the workbook's big sheets, compressed while they are made.
 *
 * libxlsxwriter compresses every part of the workbook in workbook_close(),
 * one after the other: the task sheet of 100,000 tasks (~85 MB of XML) is
 * deflated after all its rows were formatted, and that alone is the floor
 * of the benchmark. Here the rows' XML is deflated on a thread of its own
 * as it is made (same window and strategy as libxlsxwriter's minizip; the
 * level is ROWS_LEVEL, below), so that reading the rows, formatting them
 * and compressing them run at once. When libxlsxwriter has written the workbook (with the head
 * and the tail of those sheets, and none of their data rows), the zip is
 * copied once with the rows' deflated data put in their place:
 *
 *   deflate (head, Z_SYNC_FLUSH) · rows (Z_SYNC_FLUSH) · deflate (tail, Z_FINISH)
 *
 * Independent raw deflate streams ending on a sync flush (a byte boundary,
 * no final block) may be joined one after the other into one valid stream,
 * as pigz does; the CRC-32 of the whole is crc32_combine() of the parts'.
 *
 * No user-visible string here: failures set errno and the caller reports.
 */

/* The rows are deflated at level 2, not at zlib's default (6) as the rest
 * of the workbook: zlib's fast method, a quarter of the processor time on
 * the rows' ~100 MB of XML of 100,000 tasks, for a part about a third
 * larger (the task sheet's 63 MB of XML: 1.1 s and 6.8 MB at level 6,
 * 0.56 s and 8.4 MB at level 3, by gzip on one machine). The export's
 * target (2 s) is not met at level 6 on two cores; level 2 (zlib's
 * shorter match search) costs a third less than level 3 for a workbook
 * 8 % larger, and the export of a server's office under load (a core
 * shared with 49 other desktops) is that much shorter. Level 1 is no
 * faster and larger again (RESULTS.md, "The refresh's round trips"). */
#define ROWS_LEVEL 2

#define CHUNK_QUEUE_MAX 8
#define OUT_BUF_SIZE (256u << 10)

struct _DdDeflateStream
{
  GThread *thread;
  GMutex lock;
  GCond cond;
  GQueue chunks;               /* GString*, to be deflated in order */
  gboolean closing;            /* no more chunks will come */
  FILE *out;                   /* the deflated bytes (a temporary file) */
  z_stream z;
  guchar *buf;
  guint32 crc;
  guint64 in_bytes;
  guint64 out_bytes;
  int failed;                  /* errno of the first failure, or 0 */
};

static gboolean
deflate_some (DdDeflateStream *s,
              const guchar    *data,
              gsize            len,
              int              flush)
{
  s->z.next_in = (Bytef *) data;
  s->z.avail_in = (uInt) len;
  do
    {
      gsize have;
      int rc;

      s->z.next_out = s->buf;
      s->z.avail_out = OUT_BUF_SIZE;
      rc = deflate (&s->z, flush);
      if (rc == Z_STREAM_ERROR)
        {
          s->failed = EIO;
          return FALSE;
        }
      have = OUT_BUF_SIZE - s->z.avail_out;
      if (have > 0 && fwrite (s->buf, 1, have, s->out) != have)
        {
          s->failed = errno != 0 ? errno : EIO;
          return FALSE;
        }
      s->out_bytes += have;
    }
  while (s->z.avail_out == 0);
  return TRUE;
}

static gpointer
deflate_thread (gpointer data)
{
  DdDeflateStream *s = data;

  for (;;)
    {
      GString *chunk;

      g_mutex_lock (&s->lock);
      while (s->chunks.length == 0 && !s->closing)
        g_cond_wait (&s->cond, &s->lock);
      chunk = g_queue_pop_head (&s->chunks);
      g_cond_broadcast (&s->cond);
      g_mutex_unlock (&s->lock);
      if (chunk == NULL)
        break;
      if (s->failed == 0)
        {
          s->crc = (guint32) crc32 (s->crc, (const Bytef *) chunk->str, (uInt) chunk->len);
          s->in_bytes += chunk->len;
          deflate_some (s, (const guchar *) chunk->str, chunk->len, Z_NO_FLUSH);
        }
      g_string_free (chunk, TRUE);
    }
  if (s->failed == 0)
    deflate_some (s, NULL, 0, Z_SYNC_FLUSH);
  if (s->failed == 0 && fflush (s->out) != 0)
    s->failed = errno != 0 ? errno : EIO;
  return NULL;
}

DdDeflateStream *
_dd_deflate_stream_new (void)
{
  DdDeflateStream *s = g_new0 (DdDeflateStream, 1);

  s->out = tmpfile ();
  if (s->out == NULL)
    {
      int saved = errno;

      g_free (s);
      errno = saved;
      return NULL;
    }
  /* Raw deflate as libxlsxwriter's minizip, at ROWS_LEVEL. */
  if (deflateInit2 (&s->z, ROWS_LEVEL, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    {
      fclose (s->out);
      g_free (s);
      errno = ENOMEM;
      return NULL;
    }
  s->buf = g_malloc (OUT_BUF_SIZE);
  s->crc = (guint32) crc32 (0, Z_NULL, 0);
  g_mutex_init (&s->lock);
  g_cond_init (&s->cond);
  g_queue_init (&s->chunks);
  s->thread = g_thread_new ("dd-export-deflate", deflate_thread, s);
  return s;
}

void
_dd_deflate_stream_push (DdDeflateStream *s,
                         GString         *chunk)
{
  g_mutex_lock (&s->lock);
  while (s->chunks.length >= CHUNK_QUEUE_MAX)
    g_cond_wait (&s->cond, &s->lock);
  g_queue_push_tail (&s->chunks, chunk);
  g_cond_broadcast (&s->cond);
  g_mutex_unlock (&s->lock);
}

/* Waits for the thread; FALSE with errno set if anything failed. */
gboolean
_dd_deflate_stream_finish (DdDeflateStream *s)
{
  if (s->thread != NULL)
    {
      g_mutex_lock (&s->lock);
      s->closing = TRUE;
      g_cond_broadcast (&s->cond);
      g_mutex_unlock (&s->lock);
      g_thread_join (g_steal_pointer (&s->thread));
    }
  if (s->failed != 0)
    {
      errno = s->failed;
      return FALSE;
    }
  return TRUE;
}

static void
free_chunk (gpointer chunk)
{
  g_string_free (chunk, TRUE);
}

void
_dd_deflate_stream_free (DdDeflateStream *s)
{
  if (s == NULL)
    return;
  _dd_deflate_stream_finish (s);
  g_queue_clear_full (&s->chunks, free_chunk);
  deflateEnd (&s->z);
  fclose (s->out);
  g_free (s->buf);
  g_mutex_clear (&s->lock);
  g_cond_clear (&s->cond);
  g_free (s);
}

/* The zip */

#define SIG_LOCAL 0x04034b50u
#define SIG_CENTRAL 0x02014b50u
#define SIG_END 0x06054b50u
#define LOCAL_SIZE 30
#define CENTRAL_SIZE 46
#define END_SIZE 22

static guint32
get32 (const guchar *p)
{
  return (guint32) p[0] | (guint32) p[1] << 8 | (guint32) p[2] << 16 | (guint32) p[3] << 24;
}

static guint16
get16 (const guchar *p)
{
  return (guint16) (p[0] | p[1] << 8);
}

static void
put32 (guchar *p,
       guint32 v)
{
  p[0] = v & 0xff;
  p[1] = (v >> 8) & 0xff;
  p[2] = (v >> 16) & 0xff;
  p[3] = (v >> 24) & 0xff;
}

static void
put16 (guchar *p,
       guint16 v)
{
  p[0] = v & 0xff;
  p[1] = (v >> 8) & 0xff;
}

/* One whole buffer deflated as a raw stream ending with @flush. */
static GByteArray *
deflate_buffer (const char *data,
                gsize       len,
                int         flush)
{
  GByteArray *out = g_byte_array_new ();
  z_stream z = { 0, };
  guchar buf[16384];
  int rc;

  if (deflateInit2 (&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    {
      g_byte_array_unref (out);
      return NULL;
    }
  z.next_in = (Bytef *) data;
  z.avail_in = (uInt) len;
  do
    {
      z.next_out = buf;
      z.avail_out = sizeof buf;
      rc = deflate (&z, flush);
      g_byte_array_append (out, buf, sizeof buf - z.avail_out);
    }
  while (rc != Z_STREAM_ERROR && z.avail_out == 0);
  deflateEnd (&z);
  if (rc == Z_STREAM_ERROR)
    {
      g_byte_array_unref (out);
      return NULL;
    }
  return out;
}

/* The stored entry's data inflated (the small parts libxlsxwriter wrote). */
static GString *
inflate_entry (const guchar *data,
               gsize         len,
               guint16       method,
               gsize         usize)
{
  GString *out = g_string_sized_new (usize + 1);
  z_stream z = { 0, };
  int rc;

  if (method == 0)
    return g_string_append_len (out, (const char *) data, (gssize) len);
  if (method != Z_DEFLATED || inflateInit2 (&z, -MAX_WBITS) != Z_OK)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  g_string_set_size (out, usize);
  z.next_in = (Bytef *) data;
  z.avail_in = (uInt) len;
  z.next_out = (Bytef *) out->str;
  z.avail_out = (uInt) usize;
  rc = inflate (&z, Z_FINISH);
  inflateEnd (&z);
  if (rc != Z_STREAM_END || z.total_out != usize)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return out;
}

static gboolean
write_all (FILE       *out,
           const void *data,
           gsize       len)
{
  if (len > 0 && fwrite (data, 1, len, out) != len)
    {
      if (errno == 0)
        errno = EIO;
      return FALSE;
    }
  return TRUE;
}

static gboolean
copy_stream (FILE *from,
             FILE *out)
{
  g_autofree guchar *buf = g_malloc (1u << 20);
  size_t n;

  if (fflush (from) != 0 || fseek (from, 0, SEEK_SET) != 0)
    return FALSE;
  while ((n = fread (buf, 1, 1u << 20, from)) > 0)
    if (!write_all (out, buf, n))
      return FALSE;
  if (ferror (from))
    {
      if (errno == 0)
        errno = EIO;
      return FALSE;
    }
  return TRUE;
}

/* A spliced entry: its local header, then head · rows · tail. Sets the
 * entry's CRC and sizes into @central (its central directory record). */
static gboolean
write_spliced (FILE            *out,
               const guchar    *local,
               const guchar    *zip_data,
               gsize            data_len,
               guchar          *central,
               DdDeflateStream *rows)
{
  guint16 name_len = get16 (local + 26);
  g_autoptr(GString) xml = NULL;
  g_autoptr(GByteArray) head = NULL;
  g_autoptr(GByteArray) tail = NULL;
  guchar header[LOCAL_SIZE];
  const char *split;
  gsize head_len, tail_len;
  guint64 usize, csize;
  guint32 crc;

  xml = inflate_entry (zip_data, data_len, get16 (central + 10), get32 (central + 24));
  if (xml == NULL || (split = strstr (xml->str, "</sheetData>")) == NULL)
    {
      errno = EINVAL;
      return FALSE;
    }
  head_len = (gsize) (split - xml->str);
  tail_len = xml->len - head_len;
  head = deflate_buffer (xml->str, head_len, Z_SYNC_FLUSH);
  tail = deflate_buffer (split, tail_len, Z_FINISH);
  if (head == NULL || tail == NULL)
    {
      errno = ENOMEM;
      return FALSE;
    }
  crc = (guint32) crc32 (0, (const Bytef *) xml->str, (uInt) head_len);
  crc = (guint32) crc32_combine (crc, rows->crc, (z_off_t) rows->in_bytes);
  crc = (guint32) crc32_combine (crc, (uLong) crc32 (0, (const Bytef *) split, (uInt) tail_len), (z_off_t) tail_len);
  usize = head_len + rows->in_bytes + tail_len;
  csize = head->len + rows->out_bytes + tail->len;
  if (usize > G_MAXUINT32 || csize > G_MAXUINT32)
    {
      /* Would need zip64, which libxlsxwriter does not use by default either. */
      errno = EFBIG;
      return FALSE;
    }

  memcpy (header, local, LOCAL_SIZE);
  put16 (header + 6, get16 (local + 6) & ~0x0008);   /* no data descriptor */
  put16 (header + 8, Z_DEFLATED);
  put32 (header + 14, crc);
  put32 (header + 18, (guint32) csize);
  put32 (header + 22, (guint32) usize);
  put16 (header + 28, 0);                              /* no extra field */
  put16 (central + 8, get16 (central + 8) & ~0x0008);
  put16 (central + 10, Z_DEFLATED);
  put32 (central + 16, crc);
  put32 (central + 20, (guint32) csize);
  put32 (central + 24, (guint32) usize);

  return write_all (out, header, LOCAL_SIZE)
         && write_all (out, local + LOCAL_SIZE, name_len)
         && write_all (out, head->data, head->len)
         && copy_stream (rows->out, out)
         && write_all (out, tail->data, tail->len);
}

/* The zip libxlsxwriter wrote, read whole, and where its entries are. */
typedef struct
{
  guchar *zip;
  gsize len;
  const guchar *end;           /* its end of central directory record */
  guchar *central;             /* a copy of its central directory */
  guint32 cd_offset;
  guint32 cd_size;
  guint16 n_entries;
  guint32 *offsets;            /* where each entry starts; then cd_offset */
} ZipIndex;

static void
zip_index_clear (ZipIndex *z)
{
  g_free (z->zip);
  g_free (z->central);
  g_free (z->offsets);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ZipIndex, zip_index_clear)

/* Reads the zip @path and finds its entries. FALSE with errno set. */
static gboolean
zip_index_read (ZipIndex   *z,
                const char *path)
{
  const guchar *p;

  if (!g_file_get_contents (path, (char **) &z->zip, &z->len, NULL))
    {
      errno = EIO;
      return FALSE;
    }
  /* The end of central directory record: the last one (a comment may follow). */
  for (gsize i = z->len >= END_SIZE ? z->len - END_SIZE + 1 : 0; i-- > 0 && z->len - i <= END_SIZE + 0xffff;)
    if (get32 (z->zip + i) == SIG_END)
      {
        z->end = z->zip + i;
        break;
      }
  if (z->end == NULL)
    goto bad;
  z->n_entries = get16 (z->end + 10);
  z->cd_size = get32 (z->end + 12);
  z->cd_offset = get32 (z->end + 16);
  if ((gsize) z->cd_offset + z->cd_size > (gsize) (z->end - z->zip))
    goto bad;
  z->central = g_memdup2 (z->zip + z->cd_offset, z->cd_size);

  /* Where each entry starts, so that its bytes run to the next one's start. */
  z->offsets = g_new (guint32, z->n_entries + 1);
  p = z->central;
  for (guint i = 0; i < z->n_entries; i++)
    {
      if ((gsize) (p - z->central) + CENTRAL_SIZE > z->cd_size || get32 (p) != SIG_CENTRAL)
        goto bad;
      z->offsets[i] = get32 (p + 42);
      if (z->offsets[i] >= z->cd_offset || get32 (z->zip + z->offsets[i]) != SIG_LOCAL)
        goto bad;
      p += CENTRAL_SIZE + get16 (p + 28) + get16 (p + 30) + get16 (p + 32);
    }
  z->offsets[z->n_entries] = z->cd_offset;
  return TRUE;

bad:
  errno = EINVAL;
  return FALSE;
}

/* Copies the entries of @z to @out, those named in @names with the rows of
 * @rows put in; their new offsets go into @z's central directory. */
static gboolean
copy_entries (FILE                   *out,
              ZipIndex               *z,
              const char * const     *names,
              DdDeflateStream *const *rows,
              guint                   n_splices)
{
  const guchar *p = z->central;
  gboolean ok = TRUE;

  for (guint i = 0; i < z->n_entries && ok; i++)
    {
      guchar *entry = (guchar *) p;
      guint16 name_len = get16 (p + 28);
      const char *name = (const char *) p + CENTRAL_SIZE;
      guint32 start = z->offsets[i];
      guint32 next = z->cd_offset;
      long here = ftell (out);
      int splice = -1;

      for (guint j = 0; j < z->n_entries; j++)
        if (z->offsets[j] > start && z->offsets[j] < next)
          next = z->offsets[j];
      for (guint k = 0; k < n_splices; k++)
        if (strlen (names[k]) == name_len && memcmp (names[k], name, name_len) == 0)
          splice = (int) k;
      if (here < 0 || here > (long) G_MAXUINT32)
        {
          errno = EFBIG;
          ok = FALSE;
          break;
        }
      put32 (entry + 42, (guint32) here);

      if (splice < 0)
        ok = write_all (out, z->zip + start, next - start);
      else
        {
          const guchar *local = z->zip + start;
          gsize data_at = start + LOCAL_SIZE + get16 (local + 26) + get16 (local + 28);

          if (data_at + get32 (p + 20) > next)
            {
              errno = EINVAL;
              ok = FALSE;
            }
          else
            ok = write_spliced (out, local, z->zip + data_at, get32 (p + 20), entry, rows[splice]);
        }
      p += CENTRAL_SIZE + name_len + get16 (p + 30) + get16 (p + 32);
    }
  return ok;
}

/* The central directory, where the entries now are, and its end record. */
static gboolean
write_directory (FILE           *out,
                 const ZipIndex *z)
{
  long here = ftell (out);
  guchar tail[END_SIZE];

  memcpy (tail, z->end, END_SIZE);
  put32 (tail + 16, (guint32) here);
  return here >= 0 && here <= (long) G_MAXUINT32
         && write_all (out, z->central, z->cd_size)
         && write_all (out, tail, END_SIZE)
         && write_all (out, z->end + END_SIZE, get16 (z->end + 20));
}

gboolean
_dd_xlsx_splice (const char             *from,
                 const char             *to,
                 const char * const     *names,
                 DdDeflateStream *const *rows,
                 guint                   n_splices)
{
  g_auto(ZipIndex) z = { 0, };
  FILE *out;
  gboolean ok;

  if (!zip_index_read (&z, from))
    return FALSE;
  out = g_fopen (to, "wb");
  if (out == NULL)
    return FALSE;
  ok = copy_entries (out, &z, names, rows, n_splices) && write_directory (out, &z);
  if (fclose (out) != 0 && ok)
    ok = FALSE;
  return ok;
}
