/* imgid: ids from files are refused when they could climb folders or hide
 * bytes from the terminal (issue 5). */
#include "check.h"
#include "imgid.h"

#include <string.h>

static void
test_imgid_good(void)
{
	CHECK(cx_imgid_check("patient64541_study1_view1_frontal") == NULL);
	CHECK(cx_imgid_check("patient1_study2_view1-frontal.v2") == NULL);
}

static void
test_imgid_bad(void)
{
	char longid[300];

	CHECK(cx_imgid_check("") != NULL);
	CHECK(cx_imgid_check("..") != NULL);
	CHECK(cx_imgid_check(".hidden") != NULL);
	CHECK(cx_imgid_check("../../etc/passwd") != NULL);
	CHECK(cx_imgid_check("a/b") != NULL);
	CHECK(cx_imgid_check("a\\b") != NULL);
	CHECK(cx_imgid_check("patient1\x1b[2J") != NULL);
	CHECK(cx_imgid_check("patient1 study1") != NULL);
	CHECK(cx_imgid_check("patient\xc3\xa9") != NULL);
	CHECK(cx_imgid_check("x\x7f") != NULL);
	memset(longid, 'a', sizeof longid - 1);
	longid[sizeof longid - 1] = '\0';
	CHECK(cx_imgid_check(longid) != NULL);
	longid[CX_IMGID_MAX] = '\0';
	CHECK(cx_imgid_check(longid) == NULL);
}

/* Tables keyed by id: any struct whose first member is the id. */
struct row {
	char	*id;
	int	 v;
};

static void
test_imgid_table(void)
{
	struct row r[] = { { "c", 3 }, { "a", 1 }, { "b", 2 }, { "d", 4 } };
	struct row d[] = { { "x", 0 }, { "y", 1 }, { "y", 2 } };
	const struct row *f;

	cx_imgid_sort(r, 4, sizeof *r);
	CHECK(r[0].v == 1 && r[1].v == 2 && r[2].v == 3 && r[3].v == 4);
	f = cx_imgid_find(r, 4, sizeof *r, "c");
	CHECK(f != NULL && f->v == 3);
	CHECK(cx_imgid_find(r, 4, sizeof *r, "e") == NULL);
	CHECK(cx_imgid_find(r, 0, sizeof *r, "a") == NULL);
	CHECK(cx_imgid_first_dup(r, 4, sizeof *r) == 0);
	CHECK(cx_imgid_first_dup(d, 3, sizeof *d) == 2);
}

int
main(void)
{
	RUN(test_imgid_good);
	RUN(test_imgid_bad);
	RUN(test_imgid_table);
	return CHECK_DONE();
}
