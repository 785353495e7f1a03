#include "decode_fixture.hpp"
#include "trace/decode/decoder.hpp"

#include <doctest/doctest.h>

using trace::ArgDir;
using trace::ArgKind;
using trace::kBindRet;
using trace::test::TestCall;

TEST_CASE("decode::decoder_for") {
    for (std::size_t k = 0; k < trace::kArgKindCount; ++k) {
        CAPTURE(k);
        const bool registered = trace::decoder_for(static_cast<ArgKind>(k)) != nullptr;
        CHECK(registered);
    }
    const bool distinct = trace::decoder_for(ArgKind::int_) != trace::decoder_for(ArgKind::uint);
    CHECK(distinct);
}

TEST_CASE("decode::every_kind_decodes") {
    // every decoder copes with an argument of 0 and with unreadable memory, at entry and at exit
    for (std::size_t k = 0; k < trace::kArgKindCount; ++k) {
        const auto kind = static_cast<ArgKind>(k);
        CAPTURE(k);
        for (const std::uint64_t v : {std::uint64_t{0}, std::uint64_t{0x10}}) {
            TestCall call{{kind, v, kBindRet}, {ArgKind::size, 4}};
            CHECK(call.decode(0).type != trace::ValueType::Unknown);
            call.exit_with(4);
            CHECK(call.decode(0).type != trace::ValueType::Unknown);
        }
    }
}

TEST_CASE("decode::bound_length") {
    TestCall call{
        {ArgKind::out_buf, 0x1000, kBindRet, ArgDir::out}, {ArgKind::in_buf, 0x1000, 2}, {ArgKind::size, 7}};
    const trace::DecodeOptions opts;
    std::uint64_t len = 0;
    {
        const trace::DecodeContext ctx{call.mem, opts, call.view()};
        CHECK_FALSE(ctx.bound_length(0, len)); // the return value is not known at entry
        CHECK(ctx.bound_length(1, len));
        CHECK(len == 7);
        CHECK_FALSE(ctx.bound_length(2, len)); // no binding
    }
    call.exit_with(5);
    {
        const trace::DecodeContext ctx{call.mem, opts, call.view()};
        CHECK(ctx.bound_length(0, len));
        CHECK(len == 5);
    }
    call.exit_with(-2);
    {
        const trace::DecodeContext ctx{call.mem, opts, call.view()};
        CHECK_FALSE(ctx.bound_length(0, len));
    }
}

TEST_CASE("decode::decode_arg_failed_output") {
    // an output of a failed call is its address, whatever its kind
    TestCall call{{ArgKind::path, 0x1000, trace::kBindNone, ArgDir::out}, {ArgKind::size, 64}};
    call.mem.put_cstring(0x1000, "/tmp");
    call.exit_with(5);
    CHECK(call.text(0) == "\"/tmp\"");
    call.exit_with(-34);
    CHECK(call.text(0) == "0x1000");
    // but a number printed at exit stays a number (sched_getattr's size and flags)
    TestCall number{{ArgKind::uint, 56, trace::kBindNone, ArgDir::out}};
    number.exit_with(-22);
    CHECK(number.text(0) == "56");
}
